import { chineseDate, renderHtml, renderText, smsSegments, templateProblems } from './template';

const values = { name: '张三', unit: '纪委监委', festival: '中秋节', date: '2027年9月15日', year: '2027', sender: '某县纪委' };

describe('reminder templates', () => {
  it('accepts the known variables', () => {
    expect(templateProblems('bodyText', '{{name}}同志：{{festival}}（{{date}}）将至，{{sender}}提醒您廉洁过节。{{! a note }}')).toEqual([]);
  });

  it('refuses unknown variables, naming them and the known ones', () => {
    const problems = templateProblems('bodyText', '{{name}}同志，{{nmae}}');
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('bodyText');
    expect(problems[0].message).toContain('{{nmae}}');
    expect(problems[0].message).toContain('name, unit, festival, date, year, sender');
  });

  it('refuses sections, partials, raw output and broken tags', () => {
    expect(templateProblems('t', '{{#name}}x{{/name}}')).toHaveLength(1);
    expect(templateProblems('t', '{{> card}}')).toHaveLength(1);
    expect(templateProblems('t', '{{{name}}}')).toHaveLength(1);
    expect(templateProblems('t', '{{name')[0].message).toMatch(/cannot be read/);
  });

  it('renders text as is and HTML escaped', () => {
    expect(renderText('{{name}}：{{festival}}', { ...values, name: '李<四>' })).toBe('李<四>：中秋节');
    expect(renderHtml('<p>{{name}}</p>', { ...values, name: '李<四>' })).toBe('<p>李&lt;四&gt;</p>');
  });

  it('writes dates the Chinese way and counts SMS segments', () => {
    expect(chineseDate('2027-09-05')).toBe('2027年9月5日');
    expect(smsSegments('一'.repeat(70))).toBe(1);
    expect(smsSegments('一'.repeat(71))).toBe(2);
    expect(smsSegments('一'.repeat(135))).toBe(3);
  });
});
