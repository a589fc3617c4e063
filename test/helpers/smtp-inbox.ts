import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'ringstuga';
export const SMTP_PASSWORD = 'smtp-secret-0123456789';

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that keeps what arrives, parsed (mailparser).
 * It insists on the credentials the app's SMTP_URL carries; `refuse` makes it answer every
 * recipient "451 try again later", and `stop`/`start` take it down and up again on the same port.
 */
export interface SmtpInbox {
  /** `smtp://user:password@127.0.0.1:<port>`: the SMTP_URL to give the app. */
  url: string;
  received: ReceivedMail[];
  /** Temporary refusals answered so far. */
  refusals: number;
  refuse: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Keeps the next message's SMTP answer back: `arrived` once its data is in, answered on `release()`. */
  holdNext(): { arrived: Promise<void>; release: () => void };
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  let server: SMTPServer | null = null;
  let port = 0;
  let held: { arrived: () => void; released: Promise<void> } | null = null;
  const inbox: SmtpInbox = {
    url: '',
    received: [],
    refusals: 0,
    refuse: false,
    holdNext: () => {
      let arrived!: () => void;
      let release!: () => void;
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      held = { arrived, released: new Promise<void>((resolve) => (release = resolve)) };
      return { arrived: arrival, release };
    },
    stop: async () => {
      const closing = server;
      server = null;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    start: async () => {
      const smtp = new SMTPServer({
        secure: false,
        disabledCommands: ['STARTTLS'],
        // Plain AUTH without TLS: loopback only.
        allowInsecureAuth: true,
        logger: false,
        onAuth(auth, _session, callback) {
          if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
          return callback(new Error('bad credentials'));
        },
        onRcptTo(_address, _session, callback) {
          if (!inbox.refuse) return callback();
          inbox.refusals += 1;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        },
        onData(stream, session, callback) {
          simpleParser(stream)
            .then((parsed) => {
              inbox.received.push({
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
                from: parsed.from?.text ?? '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
              });
              const hold = held;
              held = null;
              if (!hold) return callback();
              hold.arrived();
              return hold.released.then(() => callback());
            })
            .catch((error: Error) => callback(error));
        },
      });
      await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', () => resolve()));
      port = (smtp.server.address() as AddressInfo).port;
      server = smtp;
      inbox.url = `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`;
    },
  };
  await inbox.start();
  return inbox;
}
