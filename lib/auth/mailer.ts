import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { log } from "@/lib/log";

export type MailConfig = { emailServer: string | undefined; emailFrom: string | undefined; dataDir: string; portalUrl: string };

export type Delivery = { via: "smtp" } | { via: "outbox"; file: string };

/**
 * Sends the sign-in link. With EMAIL_SERVER the mail goes over SMTP; without it (development)
 * the message is written to DATA_DIR/outbox (as .eml, and as plain text beside it) and the log
 * says where, never the link.
 */
export async function sendSignInMail(config: MailConfig, to: string, link: string): Promise<Delivery> {
  const message = signInMessage(config, to, link);
  if (config.emailServer) {
    const info = await nodemailer.createTransport(config.emailServer).sendMail(message);
    const failed = [...(info.rejected ?? []), ...(info.pending ?? [])];
    if (failed.length > 0) throw new Error(`the mail server refused the sign-in mail (${failed.length} recipient(s))`);
    return { via: "smtp" };
  }
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const base = path.resolve(config.dataDir, "outbox", `${stamp}-${createHash("sha256").update(to + link).digest("hex").slice(0, 12)}`);
  const file = `${base}.eml`;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, info.message as Buffer, { mode: 0o600 });
  // The .eml's text is quoted-printable (a link copied from it breaks); the .txt beside it holds
  // the mail as it reads, so a local install can sign in without a mail server.
  await writeFile(`${base}.txt`, `To: ${to}\nSubject: ${message.subject}\n\n${String(message.text)}`, { mode: 0o600 });
  // The link itself stays out of the log: logs are collected and kept where mail is not.
  log.info({ to: maskEmail(to), file: `${base}.txt` }, "sign-in mail written to the outbox (no EMAIL_SERVER set)");
  return { via: "outbox", file };
}

export function signInMessage(config: MailConfig, to: string, link: string): Mail.Options {
  const host = new URL(config.portalUrl).host;
  return {
    to,
    from: config.emailFrom ?? `Porthole <no-reply@${new URL(config.portalUrl).hostname}>`,
    subject: `Sign in to ${host}`,
    text: `Sign in to ${host}\n\nOpen this link and press "Sign in" to continue:\n${link}\n\nThe link works once, for 15 minutes. If you did not ask for it, ignore this mail.\n`,
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>Sign in to <strong>${escapeHtml(host)}</strong></p>
<p><a href="${escapeHtml(link)}">Open the sign-in page</a>, then press “Sign in” to continue.</p>
<p style="color:#475569">The link works once, for 15 minutes. If you did not ask for it, ignore this mail.</p>
</body></html>`,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "ada@customer.example" → "a***@customer.example": enough to tell whose mail it is, not to collect addresses. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}
