import { normaliseEmail, normalisePhone, parseLogin, toHalfWidth } from './contact';

describe('toHalfWidth', () => {
  it('turns full-width digits, letters and symbols into ASCII', () => {
    expect(toHalfWidth('１３８ＡＢｃ＠－＋')).toBe('138ABc@-+');
  });

  it('turns the ideographic space into a plain space', () => {
    expect(toHalfWidth('李\u3000明')).toBe('李 明');
  });

  it('leaves Chinese characters and ASCII alone', () => {
    expect(toHalfWidth('青莲 abc 123')).toBe('青莲 abc 123');
  });
});

describe('normalisePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['(138)00138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６ １３８－００１３－８０００', '13800138000'],
    ['19912345678', '19912345678'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it.each([
    ['010-12345678', 'a Beijing landline'],
    ['0755-12345678', 'a Shenzhen landline'],
    ['1380013800', '10 digits'],
    ['138001380001', '12 digits'],
    ['12800138000', 'an invalid second digit'],
    ['+1 138-0013-8000', 'a foreign country code'],
    ['1380013800a', 'a letter'],
    ['', 'an empty string'],
  ])('rejects %s (%s)', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it('lower-cases and trims an address', () => {
    expect(normaliseEmail('Li.Ming@Example.GOV.cn ')).toBe('li.ming@example.gov.cn');
  });

  it('accepts a full-width @ and full-width letters', () => {
    expect(normaliseEmail('ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ')).toBe('li@example.cn');
  });

  it('trims an ideographic space', () => {
    expect(normaliseEmail('\u3000li@example.cn\u3000')).toBe('li@example.cn');
  });

  it.each(['li.ming', 'li@example', '@example.cn', 'li ming@example.cn', 'li@@example.cn', ''])('rejects %p', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });

  it('rejects addresses longer than 254 characters', () => {
    const local = 'a'.repeat(64);
    const longDomain = `${'b'.repeat(200)}.cn`;
    expect(normaliseEmail(`${local}@${longDomain}`)).toBeNull();
    expect(normaliseEmail(`${local}@${'b'.repeat(180)}.cn`)).toBe(`${local}@${'b'.repeat(180)}.cn`);
  });
});

describe('parseLogin', () => {
  it('treats a value with @ as an e-mail address', () => {
    expect(parseLogin(' Li.Ming@Example.GOV.cn ')).toEqual({ kind: 'email', value: 'li.ming@example.gov.cn' });
  });

  it('treats a value with a full-width ＠ as an e-mail address', () => {
    expect(parseLogin('li.ming＠example.gov.cn')).toEqual({ kind: 'email', value: 'li.ming@example.gov.cn' });
  });

  it('treats a value without @ as a phone number', () => {
    expect(parseLogin('+86 138-0013-8000')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(parseLogin('１３８００１３８０００')).toEqual({ kind: 'phone', value: '13800138000' });
  });

  it('does not fall back to a phone when an @ value is not a valid address', () => {
    expect(parseLogin('13800138000@')).toBeNull();
  });

  it.each(['hello', '010-12345678', '', '   ', 'li@example'])('returns null for %p', (raw) => {
    expect(parseLogin(raw)).toBeNull();
  });
});
