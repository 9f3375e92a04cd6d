package dev.sendmail.it;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The OAuth 2 helper an msmtprc names in {@code passwordeval}, as users run one (oauth2.py, mutt_oauth2.py): it
 * trades the stored refresh token for an access token at the provider's token endpoint, over HTTPS verified
 * against the provider's certificate, and prints the access token on one line. It shares no code with
 * send-mail's own OAuth 2 client, so the test checks what a third-party helper's output does.
 *
 * <p>Arguments: TOKEN_URL CA_FILE CLIENT_ID REFRESH_TOKEN_FILE, then the helper's own options from the msmtprc
 * (ignored). Exit status 1 with one line on standard error when the provider refuses.
 */
public final class OAuth2TokenHelper {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private OAuth2TokenHelper() {
    }

    public static void main(String[] args) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            trust.setCertificateEntry("provider", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        String form = "grant_type=refresh_token&client_id=" + URLEncoder.encode(args[2], StandardCharsets.UTF_8)
                + "&refresh_token=" + URLEncoder.encode(Files.readString(Path.of(args[3])).strip(),
                StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(tls).build().send(
                HttpRequest.newBuilder(URI.create(args[0])).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            System.err.println("oauth2token: the token endpoint answered " + r.statusCode());
            System.exit(1);
        }
        // println: the line ends with a newline, as every helper's print does
        System.out.println(m.group(1));
    }
}
