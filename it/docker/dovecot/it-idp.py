# A minimal OAuth 2 provider for the tests: POST /token (grant_type=refresh_token with the refresh token given on
# the command line) issues CLIENT.1, CLIENT.2, ... per client_id; GET /me with "Authorization: Bearer TOKEN"
# reports the subject "alice" and whether the token is active: the first token of each client is reported revoked.
import http.server, json, ssl, sys, threading, urllib.parse

refresh, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()
issued = {}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") != refresh:
            self.reply(400, {"error": "invalid_grant"})
            return
        client = form.get("client_id", "")
        if not client.isalnum():
            self.reply(400, {"error": "invalid_client"})
            return
        with lock:
            issued[client] = issued.get(client, 0) + 1
            token = "%s.%d" % (client, issued[client])
        print("it-idp: issued %s" % token, flush=True)
        self.reply(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        number = auth.rpartition(".")[2] if auth.startswith("Bearer ") else ""
        active = number.isdigit() and int(number) > 1
        self.reply(200, {"sub": "alice", "active": "true" if active else "false"})

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("0.0.0.0", 8443), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print("it-idp: serving", flush=True)
server.serve_forever()
