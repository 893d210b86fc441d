import { ConflictException, BadUserInputException } from '../domain.exception';
import { negotiateLanguage, requestLanguage, withLanguage } from './language';
import { localise, localiseError } from './localise';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['*', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh;q=0.8', 'zh-CN'],
    ['fr-FR, de;q=0.9', 'en'],
    ['fr-FR, zh;q=0.4', 'zh-CN'],
    ['zh;q=0, en;q=0.1', 'en'],
    [['zh-CN'], 'zh-CN'],
  ])('%p → %s', (header, language) => {
    expect(negotiateLanguage(header as string | string[] | undefined)).toBe(language);
  });

  it('is English outside a request and the given language inside one', () => {
    expect(requestLanguage()).toBe('en');
    expect(withLanguage('zh-CN', () => requestLanguage())).toBe('zh-CN');
  });
});

describe('localise', () => {
  it('leaves English as it is and says a known message in Chinese', () => {
    expect(localise('The attempt has already been submitted', 'en')).toBe('The attempt has already been submitted');
    expect(localise('The attempt has already been submitted', 'zh-CN')).toBe('答卷已提交');
  });

  it('fills in the values of a template message, translating those of a known kind', () => {
    expect(localise('The tour is already cancelled', 'zh-CN')).toBe('本次考察学习已处于“已取消”状态');
    expect(localise('This tour is for RESERVE, NEW_APPOINTEE cadres only', 'zh-CN')).toBe('本次考察学习仅面向后备干部、新任职干部');
    expect(localise('Your next attempt is possible from 2026-11-03T06:05:00.000Z', 'zh-CN')).toBe('您可于 2026-11-03 14:05 后再次作答');
    expect(localise('Too many failed sign-ins from this account; try again in 1 minute', 'zh-CN')).toBe('该账号登录失败次数过多，请 1 分钟后再试');
    expect(localise('Completion record 5f0c/2026 was not found', 'zh-CN')).toBe('未找到该学习档案（编号 5f0c/2026）');
  });

  it('translates a message inside a message, and keeps the English when a part has no translation', () => {
    expect(localise('position 2: choices: pick one option', 'zh-CN')).toBe('第 2 题：choices：请只选择一个选项');
    expect(localise('position 2: something new', 'zh-CN')).toBe('position 2: something new');
    expect(localise('An English sentence nobody translated', 'zh-CN')).toBe('An English sentence nobody translated');
  });
});

describe('localiseError', () => {
  it('translates the message and the field messages; codes, reasons and field names stay', () => {
    const one = BadUserInputException.field('title', 'must be at most 200 characters');
    expect(localiseError(one.message, one.details, 'zh-CN')).toEqual({ message: 'title：不能超过 200 个字符', details: { fields: [{ field: 'title', message: '不能超过 200 个字符' }] } });

    const many = new BadUserInputException('name: must not be empty; capacity: must be a whole number of at least 1', [
      { field: 'name', message: 'must not be empty' },
      { field: 'capacity', message: 'must be a whole number of at least 1' },
    ]);
    expect(localiseError(many.message, many.details, 'zh-CN').message).toBe('name：不能为空；capacity：须为不小于 1 的整数');

    const campaign = new BadUserInputException('The campaign is not valid: name is required; channels choose at least one channel', [
      { field: 'name', message: 'is required' },
      { field: 'channels', message: 'choose at least one channel' },
    ]);
    expect(localiseError(campaign.message, campaign.details, 'zh-CN').message).toBe('提醒设置有误：name：必填；channels：请至少选择一个发送渠道');

    const refusal = new ConflictException('This tour was cancelled', { reason: 'TOUR_CANCELLED' });
    expect(localiseError(refusal.message, refusal.details, 'zh-CN')).toEqual({ message: '本次考察学习已取消', details: { reason: 'TOUR_CANCELLED' } });
    expect(localiseError(refusal.message, refusal.details, 'en')).toEqual({ message: 'This tour was cancelled', details: { reason: 'TOUR_CANCELLED' } });
  });
});
