/**
 * The gpu.js backends (design.md §4): names, the gpu.js mode behind each, and whether it can run here.
 * gpu.js is loaded lazily (it is large, and the float64 backends never need it).
 */
import { createRequire } from 'node:module';

export const GPUJS_BACKENDS = ['gpujs-cpu', 'gpujs-webasm', 'gpujs-headlessgl', 'gpujs-webgpu'] as const;
export type GpujsBackend = (typeof GPUJS_BACKENDS)[number];

export const isGpujsBackend = (b: string): b is GpujsBackend => (GPUJS_BACKENDS as readonly string[]).includes(b);

const MODE: Record<GpujsBackend, string> = {
  'gpujs-cpu': 'cpu', 'gpujs-webasm': 'webasm', 'gpujs-headlessgl': 'headlessgl', 'gpujs-webgpu': 'webgpu',
};

/** The part of gpu.js's API used here. */
export interface GpuKernel {
  (...args: unknown[]): unknown;
  destroy?(removeCanvasReferences?: boolean): void;
  kernel?: { constructor: { name: string }; fallbackReason?: string | null };
}
export interface GpuInstance {
  createKernel(source: string, settings: Record<string, unknown>): GpuKernel;
  destroy(): void | Promise<void>;
}
interface GpuModule {
  GPU: (new (settings: { mode: string }) => GpuInstance) & {
    isHeadlessGLSupported: boolean;
    isWebAssemblySupported?: boolean;
    isWebGPUAvailable?: () => Promise<boolean>;
  };
}

let loaded: GpuModule | null = null;
export function gpujs(): GpuModule {
  if (!loaded) loaded = createRequire(import.meta.url)('gpu.js') as GpuModule;
  return loaded;
}

export function createGpu(backend: GpujsBackend): GpuInstance {
  return new (gpujs().GPU)({ mode: MODE[backend] });
}

/** What to install or run when headlessgl is missing (README, docs/engine.md). */
export const HEADLESSGL_HELP =
  'gpujs-headlessgl needs the `gl` addon built from source (apt-get install -y libxi-dev libx11-dev libxext-dev pkg-config; ' +
  'then `npm run build:gl`, an opt-in: `npm ci` skips it, package.json allowScripts denies its install script) and an X display: run under `xvfb-run -a` (apt-get install -y xvfb)';

/** Why a backend cannot run on this machine, or null when it can. */
export async function unavailableReason(backend: GpujsBackend): Promise<string | null> {
  const { GPU } = gpujs();
  switch (backend) {
    case 'gpujs-cpu':
      return null;
    case 'gpujs-webasm':
      return GPU.isWebAssemblySupported === false ? 'this Node has no WebAssembly SIMD support' : null;
    case 'gpujs-headlessgl': {
      if (GPU.isHeadlessGLSupported) return null;
      let built = true;
      try { createRequire(import.meta.url)('gl'); } catch { built = false; }
      return built
        ? `the gl addon is built but gives no context (no X display${process.env.DISPLAY ? ` at DISPLAY=${process.env.DISPLAY}` : '; DISPLAY is unset'}); ${HEADLESSGL_HELP}`
        : `the gl addon is not built; ${HEADLESSGL_HELP}`;
    }
    case 'gpujs-webgpu': {
      let ok = false;
      try { ok = (await GPU.isWebGPUAvailable?.()) ?? false; } catch { ok = false; }
      return ok ? null : 'no WebGPU adapter (the `webgpu` package\'s Dawn binary needs glibc ≥ 2.38 and a GPU driver)';
    }
  }
}
