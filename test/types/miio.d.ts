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
