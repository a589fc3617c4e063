/**
 * Reads a QR code with the camera, where the browser can: the camera (getUserMedia) exists only
 * in secure contexts (HTTPS, or localhost), and BarcodeDetector only in some browsers (Chromium).
 * Over a room's plain HTTP neither is there: callers offer a field to paste the link instead,
 * which always works.
 */

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

const SCAN_EVERY_MS = 250;

function detectorClass(): BarcodeDetectorConstructor | undefined {
  return (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
}

/** True when this page can scan a QR code with the camera. */
export function canScanQrCode(): boolean {
  return window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function' && detectorClass() !== undefined;
}

/**
 * Shows the camera in `video` until a QR code is read (its text) or `signal` aborts (null). The
 * camera is always released. Throws when the camera is refused or missing.
 */
export async function scanQrCode(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  const Detector = detectorClass();
  if (!Detector || !canScanQrCode()) throw new Error('QR scanning is not available here');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    const detector = new Detector({ formats: ['qr_code'] });
    // Ends when a code is read or the caller aborts (the dialog closed, the page left).
    while (!signal.aborted) {
      const [code] = await detector.detect(video);
      if (code?.rawValue) return code.rawValue;
      await new Promise((resolve) => setTimeout(resolve, SCAN_EVERY_MS));
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
