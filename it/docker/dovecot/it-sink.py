# The relay target of the submission server: accepts every message and prints one line for it.
import asyncore
import smtpd


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        print("it-sink: received from %s for %s" % (mailfrom, ",".join(rcpttos)), flush=True)


Sink(("127.0.0.1", 2526), None)
print("it-sink: serving", flush=True)
asyncore.loop()
