import { BadUserInputException, localiseError, translateToChinese } from '@qinglian/common';
import * as v from 'class-validator';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createValidationPipe } from './validation.pipe';

const root = path.resolve(__dirname, '../../../..');

/** A failing value for each class-validator decorator the inputs use (null: it never fails on its own). */
const SAMPLES: Record<string, [PropertyDecorator, unknown] | null> = {
  IsOptional: null,
  IsString: [v.IsString(), 1],
  MaxLength: [v.MaxLength(3), 'abcdef'],
  MinLength: [v.MinLength(3), 'a'],
  IsEnum: [v.IsEnum({ A: 'A', B: 'B' }), 'C'],
  IsUUID: [v.IsUUID('all', { each: true }), ['x']],
  IsBoolean: [v.IsBoolean(), 'yes'],
  Min: [v.Min(1), 0],
  Max: [v.Max(5), 9],
  IsInt: [v.IsInt(), 1.5],
  IsArray: [v.IsArray(), 'x'],
  IsNotEmpty: [v.IsNotEmpty(), ''],
  IsNumber: [v.IsNumber(), 'x'],
  IsDate: [v.IsDate(), 'x'],
  ArrayMaxSize: [v.ArrayMaxSize(1), [1, 2]],
  ArrayMinSize: [v.ArrayMinSize(1), []],
  Matches: [v.Matches(/^a$/), 'b'],
  ValidateNested: [v.ValidateNested(), 'x'],
};

function usedDecorators(): string[] {
  const dirs = [path.join(root, 'apps/api/src'), ...readdirSync(path.join(root, 'libs')).map((l) => path.join(root, 'libs', l, 'src'))];
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') && !name.endsWith('spec.ts') ? [full] : [];
    });
  const names = new Set<string>();
  for (const file of dirs.flatMap(files)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'class-validator'/g)) {
      for (const name of m[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0])) if (name) names.add(name);
    }
  }
  return [...names].sort();
}

async function refusal(decorator: PropertyDecorator, value: unknown): Promise<BadUserInputException> {
  class Probe {
    value: unknown;
  }
  decorator(Probe.prototype, 'value');
  try {
    await createValidationPipe().transform({ value }, { type: 'body', metatype: Probe });
  } catch (error) {
    if (error instanceof BadUserInputException) return error;
    throw error;
  }
  throw new Error('the value was not refused');
}

describe('validation pipe', () => {
  it('names each field and says what is wrong without repeating its name', async () => {
    const error = await refusal(v.MaxLength(3), 'abcdef');
    expect(error.fields).toEqual([{ field: 'value', message: 'must be shorter than or equal to 3 characters' }]);
    expect(error.message).toBe('value: must be shorter than or equal to 3 characters');
  });

  it("has a Chinese translation for the message of every class-validator decorator the inputs use", async () => {
    const used = usedDecorators();
    expect(used.filter((name) => !(name in SAMPLES))).toEqual([]);
    const untranslated: string[] = [];
    for (const name of used) {
      const sample = SAMPLES[name];
      if (!sample) continue;
      const error = await refusal(...sample);
      for (const f of error.fields) if (translateToChinese(f.message) === null) untranslated.push(`${name}: ${f.message}`);
      const zh = localiseError(error.message, error.details, 'zh-CN');
      expect(zh.message).toMatch(/^value：/);
    }
    expect(untranslated).toEqual([]);
  });
});
