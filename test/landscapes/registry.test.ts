import { describe, expect, it } from 'vitest';
import { BUILTIN_FAMILIES, BUILTIN_LANDSCAPES, builtinFamily, builtinLandscape, resolveParams } from '../../src/landscapes/builtins/index.js';
import { FieldError } from '../../src/field-error.js';
import { LandscapeError } from '../../src/landscapes/index.js';

describe('builtin registry', () => {
  it('the catalogue is the families\' metadata, in registry order', () => {
    expect(BUILTIN_LANDSCAPES).toEqual(BUILTIN_FAMILIES.map(({ name, description, dim, params }) => ({ name, description, dim, params })));
    expect(Object.isFrozen(BUILTIN_LANDSCAPES)).toBe(true);
    for (const f of BUILTIN_FAMILIES) expect(builtinFamily(f.name)).toBe(f);
  });

  it('an unknown name is a FieldError on landscape.builtin', () => {
    expect(() => builtinFamily('nope')).toThrow(FieldError);
    expect(() => builtinFamily('nope')).toThrow(/^landscape\.builtin: unknown builtin "nope"; valid names: well-barrier, /);
  });

  it('one validation path: defaults from metadata, given() tells given from defaulted', () => {
    for (const f of BUILTIN_FAMILIES) {
      const p = resolveParams(f, {});
      for (const info of f.params) {
        if (info.type === 'number[]') expect(p.list(info.name)).toBeUndefined();
        else expect(p.num(info.name)).toBe(info.default);
        expect(p.given(info.name)).toBe(false);
      }
    }
    const p = resolveParams(builtinFamily('eigen-saddle'), { n: 3, minEigs: [1, 2] });
    expect([p.given('n'), p.given('minEigs'), p.given('Ha')]).toEqual([true, true, false]);
    expect(p.list('minEigs')).toEqual([1, 2]);
    expect(() => p.num('h')).toThrow(/internal/);
  });

  it('null params mean defaults; LandscapeError is FieldError', () => {
    expect(builtinLandscape('quartic', null as unknown as Record<string, unknown>).name).toBe('builtin quartic(h=1)');
    expect(LandscapeError).toBe(FieldError);
    const e = (() => { try { builtinLandscape('quartic', { h: 0 }); } catch (err) { return err as FieldError; } })()!;
    expect(e.problems).toEqual([{ field: 'landscape.h', message: '0 is out of range; allowed: finite number > 0' }]);
    expect(e.within('scenario').field).toBe('scenario.landscape.h');
  });
});
