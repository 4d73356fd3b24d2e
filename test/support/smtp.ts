import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CapturedMail = { from: string; to: string[]; subject: string; text: string; raw: string };

export type SmtpCatcher = {
  /** For EMAIL_SERVER: plain SMTP on 127.0.0.1, no TLS, no auth. */
  url: string;
  mails: CapturedMail[];
  /** Resolves once `count` mails have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` mails to `address` have arrived. */
  waitForMailTo(address: string, count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/** A real SMTP server that keeps every message it is given. */
export async function startSmtp(): Promise<SmtpCatcher> {
  const mails: CapturedMail[] = [];
  const waiters: { done: () => boolean; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelope = session.envelope;
        mails.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map((r) => r.address),
          subject: header(raw, "subject") ?? "",
          text: textPart(raw),
          raw,
        });
        for (const w of waiters.filter((w) => w.done())) w.resolve();
        callback();
      });
    },
  });
  function until(done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${what}; have ${mails.length} mail(s)`)), timeoutMs);
      waiters.push({ done, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor: (count, timeoutMs) => until(() => mails.length >= count, `${count} mails`, timeoutMs),
    waitForMailTo: (address, count, timeoutMs) =>
      until(() => mails.filter((m) => m.to.includes(address)).length >= count, `${count} mails to ${address}`, timeoutMs),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first http(s) link in the mail's text that contains `fragment`. */
export function linkIn(mail: CapturedMail, fragment: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(fragment));
  if (!link) throw new Error(`no link with ${fragment} in:\n${mail.text}`);
  return link;
}

// Just enough MIME for the messages nodemailer writes: folded headers, one level of multipart,
// quoted-printable or base64 text parts.
function splitHead(entity: string): { head: string; body: string } {
  const at = entity.search(/\r?\n\r?\n/);
  if (at < 0) return { head: entity, body: "" };
  return { head: entity.slice(0, at), body: entity.slice(at).replace(/^\r?\n\r?\n/, "") };
}

function header(entity: string, name: string): string | undefined {
  const unfolded = splitHead(entity).head.replace(/\r?\n[ \t]+/g, " ");
  return unfolded
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name}:`))
    ?.slice(name.length + 1)
    .trim();
}

function textPart(raw: string): string {
  const type = header(raw, "content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return decode(raw);
  const parts = splitHead(raw).body.split(`--${boundary}`).slice(1, -1);
  const plain = parts.map((p) => p.replace(/^\r?\n/, "")).find((p) => (header(p, "content-type") ?? "").startsWith("text/plain"));
  return plain ? decode(plain) : "";
}

function decode(entity: string): string {
  const encoding = (header(entity, "content-transfer-encoding") ?? "7bit").toLowerCase();
  const { body } = splitHead(entity);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}
