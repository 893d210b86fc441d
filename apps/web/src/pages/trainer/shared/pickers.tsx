import { useQuery } from '@apollo/client/react';
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';

const UnitsDocument = graphql(`
  query TrainerUnitOptions($search: String) {
    units(includeSubunits: true, first: 100, search: $search) {
      totalCount
      nodes {
        id
        name
        depth
        parent {
          id
          name
        }
      }
    }
  }
`);

const CadresDocument = graphql(`
  query TrainerCadreOptions($search: String) {
    users(search: $search, role: CADRE, active: true, first: 20) {
      totalCount
      nodes {
        id
        name
        unit {
          id
          name
        }
      }
    }
  }
`);

/** Waits until typing pauses before searching. */
function useDebounced(value: string, ms = 300): string {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setCurrent(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** Keeps every option seen (across searches), so chosen values keep their labels. */
function useSeen<T extends { value: string }>(options: T[]): T[] {
  const seen = useRef(new Map<string, T>());
  return useMemo(() => {
    for (const o of options) seen.current.set(o.value, o);
    return [...seen.current.values()];
  }, [options]);
}

/** Units of the user's part of the organisation (searched by name on the server), several at once. */
export function UnitSelect({ value, onChange, id, placeholder, ariaLabel }: { value?: string[]; onChange?: (v: string[]) => void; id?: string; placeholder?: string; ariaLabel?: string }) {
  const { t } = useTranslation('trainer');
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search);
  const query = useQuery(UnitsDocument, { variables: { search: debounced || undefined } });
  const fresh = useMemo(
    () => (query.data?.units.nodes ?? []).map((u) => ({ value: u.id, label: u.parent ? `${u.name}（${u.parent.name}）` : u.name })),
    [query.data],
  );
  const options = useSeen(fresh);
  const visible = debounced ? fresh : options;
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={visible}
      loading={query.loading}
      placeholder={placeholder ?? t('pickers.units')}
      aria-label={ariaLabel ?? t('pickers.units')}
      notFoundContent={query.loading ? t('common:loading') : t('pickers.noUnits')}
      onBlur={() => setSearch('')}
      style={{ width: '100%' }}
    />
  );
}

/** Active cadres of the user's part of the organisation, searched by name, phone or e-mail. */
export function CadreSelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { t } = useTranslation('trainer');
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search);
  const query = useQuery(CadresDocument, { variables: { search: debounced || undefined } });
  const fresh = useMemo(() => (query.data?.users.nodes ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unit.name}）` })), [query.data]);
  const options = useSeen(fresh);
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={debounced ? fresh : options}
      loading={query.loading}
      placeholder={t('pickers.cadres')}
      aria-label={t('pickers.cadres')}
      notFoundContent={query.loading ? t('common:loading') : t('pickers.noCadres')}
      onBlur={() => setSearch('')}
      style={{ width: '100%' }}
    />
  );
}

/** Names of units by id (from the units of the user's part of the organisation), in the order given. */
export function useUnitNames(ids: readonly string[]): string[] {
  const query = useQuery(UnitsDocument, { variables: {}, skip: ids.length === 0 });
  const byId = new Map((query.data?.units.nodes ?? []).map((u) => [u.id, u.name]));
  return ids.map((id) => byId.get(id) ?? '…');
}
