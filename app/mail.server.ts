import nodemailer, { type Transporter } from "nodemailer";

import { getDb } from "../db/connection.server";
import { now } from "./utils/clock.server";
import { appUrlOf, readEnv } from "./utils/env.server";

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  /** The region whose coordinator may read the message in the outbox when no SMTP server is set. */
  regionId: number | null;
}

let transport: Transporter | null | undefined;
function smtpTransport(): Transporter | null {
  if (transport === undefined) {
    const { SMTP_URL } = readEnv();
    transport = SMTP_URL ? nodemailer.createTransport(SMTP_URL) : null;
  }
  return transport;
}

/**
 * Sends through SMTP when SMTP_URL is set. Without it the message is kept whole in the outbox
 * table, where the region's coordinator can read it — so the demo works with no mail server.
 * With SMTP, the outbox keeps only a record that the message went, not its body (it may hold a
 * sign-in link).
 */
export async function sendMail(message: OutgoingMessage): Promise<void> {
  const smtp = smtpTransport();
  let sentAt: number | null = null;
  if (smtp) {
    await smtp.sendMail({ from: readEnv().MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
    sentAt = now();
  }
  await getDb()
    .insertInto("outbox")
    .values({
      region_id: message.regionId,
      to_address: message.to,
      subject: message.subject,
      body_text: smtp ? "(delivered by SMTP; body not kept)" : message.text,
      created_at: now(),
      sent_at: sentAt,
    })
    .execute();
}

/**
 * The base address of every link in every email: APP_URL (required in production), never the
 * Host or X-Forwarded-Host a request claims, so nobody can have a reset link point elsewhere.
 */
export function appUrl(): string {
  return appUrlOf(readEnv());
}

/** Emails kept for the coordinator's regions, newest first. */
export function listOutbox(regionIds: number[], limit = 100) {
  if (regionIds.length === 0) return Promise.resolve([]);
  return getDb().selectFrom("outbox").selectAll().where("region_id", "in", regionIds).orderBy("id", "desc").limit(limit).execute();
}
