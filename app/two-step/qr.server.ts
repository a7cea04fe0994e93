import QRCode from "qrcode";

/** The otpauth address as an SVG QR code, for the set-up page to show inline. */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#0b0c0c", light: "#ffffff" } });
}
