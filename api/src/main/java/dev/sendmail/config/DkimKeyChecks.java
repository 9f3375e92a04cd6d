package dev.sendmail.config;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.dkim.DkimKeyCheck;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.spi.Resolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the DNS publishes each signing key of a {@link DkimSettings}, as {@code send-mail --probe} shows it: one
 * {@link DkimKeyCheck} per key at {@code SELECTOR._domainkey.DOMAIN}, or a "not checked" line for a key whose record
 * could not be looked up, and the sysexits code of the whole: 0 when every key matches, 78 when a record is missing,
 * revoked or different, the failed look-up's code ({@link ExitCodes#forFailure}; 75 when it may work later), 64 for
 * a selector or domain that is not a DNS name; several combine by {@link ExitCodes#worse}. Immutable.
 *
 * @param text one line per key, in the order of the keys, for a person ({@link DkimKeyCheck#text()},
 *        {@link DkimKeyCheck#notCheckedText})
 * @param json the same as one JSON object per key, for programs ({@link DkimKeyCheck#json()},
 *        {@link DkimKeyCheck#notCheckedJson})
 * @param exitCode the code of the whole
 */
public record DkimKeyChecks(List<String> text, List<String> json, int exitCode) {

    /**
     * Copies the lists.
     *
     * @param text one line per key
     * @param json one JSON object per key
     * @param exitCode the code of the whole
     */
    public DkimKeyChecks {
        text = List.copyOf(text);
        json = List.copyOf(json);
    }

    /**
     * Looks up the record of each key of {@code dkim} at its selector under {@code domain} and judges it. A failed
     * look-up is a line too: the other keys are still checked.
     *
     * @param resolver answers the TXT look-ups; not closed here
     * @param dkim the keys, each with its selector
     * @param domain the signing domain, in A-labels ({@link DkimSettings#signingDomain})
     * @return one line per key and the code of the whole; none and 0 without keys
     */
    public static DkimKeyChecks check(Resolver resolver, DkimSettings dkim, String domain) {
        List<String> text = new ArrayList<>();
        List<String> json = new ArrayList<>();
        int code = ExitCodes.OK;
        for (int i = 0; i < dkim.keys().size(); i++) {
            String selector = dkim.selectors().get(i);
            try {
                DkimKeyCheck check = DkimKeyCheck.check(resolver, dkim.keys().get(i), selector, domain);
                text.add(check.text());
                json.add(check.json());
                code = ExitCodes.worse(code, check.matches() ? ExitCodes.OK : ExitCodes.CONFIG);
            } catch (ResolutionFailedException | IllegalArgumentException e) {
                String name = selector + "._domainkey." + domain;
                text.add(DkimKeyCheck.notCheckedText(name, e.getMessage()));
                json.add(DkimKeyCheck.notCheckedJson(name, e.getMessage()));
                code = ExitCodes.worse(code, e instanceof ResolutionFailedException r ? ExitCodes.forFailure(r)
                        : ExitCodes.USAGE);
            }
        }
        return new DkimKeyChecks(text, json, code);
    }
}
