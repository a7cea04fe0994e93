// The few parts of nodemailer the app uses. @types/nodemailer pulls in the whole AWS SDK for
// its SES types, which this app never needs; these declarations keep the install small.
declare module "nodemailer" {
  export interface SendMailOptions {
    from?: string;
    to: string;
    subject: string;
    text: string;
  }
  export interface Transporter {
    sendMail(message: SendMailOptions): Promise<unknown>;
  }
  export function createTransport(url: string): Transporter;
  const nodemailer: { createTransport: typeof createTransport };
  export default nodemailer;
}
