// The part of the npm `miio` package (0.15.6, a CommonJS client) the interop test uses.

declare module "miio" {
  interface MiioDevice {
    readonly miioModel?: string;
    call(method: string, params?: unknown): Promise<unknown>;
    destroy(): void;
  }
  const miio: {
    device(options: { address: string; port?: number; token: string }): Promise<MiioDevice>;
  };
  export default miio;
}

declare module "miio/lib/infoFromHostname.js" {
  /** How npm miio reads a device's model and id from its mDNS name ("<model-dashed>_miio<did>"). */
  function infoFromHostname(hostname: string): { model: string; id: string } | null;
  export default infoFromHostname;
}
