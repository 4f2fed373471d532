/**
 * build/electron-builder.json against electron-builder's own configuration schema (its
 * `validateConfiguration`, as `electron-builder` runs it before packing), plus what this app
 * requires of it. e2e/packaging.spec.ts packs with it and lists the asar.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };

type Config = Record<string, unknown> & {
  files: string[];
  beforeBuild: string;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
};
const config = JSON.parse(
  readFileSync(new URL('./electron-builder.json', import.meta.url), 'utf8'),
) as Config;
const validate = (candidate: unknown) => validateConfiguration(candidate, new DebugLogger(false));

describe('build/electron-builder.json', () => {
  it("passes electron-builder's configuration schema", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is refused by the same schema when misspelt (the check can fail)', async () => {
    await expect(
      validate({ ...config, linux: { ...config.linux, tagret: ['deb'] } }),
    ).rejects.toThrow(/configuration\.linux/);
    await expect(validate({ ...config, asar: 'yes' })).rejects.toThrow(/configuration\.asar/);
  });

  it('builds AppImage and deb, NSIS and dmg, from the committed icon', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    const icon = readFileSync(new URL('./icon.png', import.meta.url));
    // PNG signature, then the IHDR width and height: at least 512 for macOS and Windows.
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(icon.readUInt32BE(20)).toBe(icon.readUInt32BE(16));
  });

  it('packs no node_modules: the beforeBuild hook says they are handled (bundled) elsewhere', async () => {
    const hook = require(
      `./${config.beforeBuild.replace(/^build\//, '')}`,
    ) as () => Promise<boolean>;
    await expect(hook()).resolves.toBe(false);
    expect(config.files.filter((pattern) => !pattern.startsWith('!'))).toEqual([
      'package.json',
      'dist/**/*',
      'dist-electron/**/*',
    ]);
  });

  it('switches off the fuses an attacker could use and keeps the asar integrity check', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
