import { ApartmentOutlined, DragOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Space, Statistic, Tree, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import { formatDateTime } from '../../../lib/time';
import { UnitPicker, useUnitDirectory, type UnitDirectory, type UnitRow, type UnitTreeNode } from '../shared/units';
import { showFieldErrors } from '../../../components/errors';

const MyUnitDocument = graphql(`
  query PeopleMyUnit {
    me {
      id
      unit {
        id
        depth
      }
    }
  }
`);

const UnitCountsDocument = graphql(`
  query PeopleUnitCounts($unitId: ID!) {
    own: users(unitId: $unitId, includeSubunits: false, first: 1) {
      totalCount
    }
    all: users(unitId: $unitId, includeSubunits: true, first: 1) {
      totalCount
    }
  }
`);

const CreateUnitDocument = graphql(`
  mutation PeopleCreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      id
      name
      parentId
      depth
    }
  }
`);

const RenameUnitDocument = graphql(`
  mutation PeopleRenameUnit($input: RenameUnitInput!) {
    renameUnit(input: $input) {
      id
      name
    }
  }
`);

const MoveUnitDocument = graphql(`
  mutation PeopleMoveUnit($input: MoveUnitInput!) {
    moveUnit(input: $input) {
      id
      parentId
      depth
    }
  }
`);

type Dialog = { kind: 'create'; parent: UnitRow | null } | { kind: 'rename'; unit: UnitRow } | { kind: 'move'; unit: UnitRow } | null;

/** The same checks of a unit name as the API, before sending. */
function nameRules(t: TFunction) {
  return [
    { required: true, whitespace: true, message: t('units.nameRequired') },
    { max: 100, message: t('validation.max', { max: 100 }) },
    { validator: (_: unknown, v?: string) => (v && v.includes('/') ? Promise.reject(new Error(t('validation.unitSlash'))) : Promise.resolve()) },
  ];
}

/** The units tree of the administrator's part of the organisation: create a child, rename, move. */
export function UnitsPage() {
  const { t } = useTranslation('adminPeople');
  const units = useUnitDirectory();
  const mine = useQuery(MyUnitDocument);
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const directory = units.directory;
  const root = mine.data?.me.unit.depth === 0;

  const current = selected ? directory?.byId.get(selected) : undefined;
  const { treeData, visibleKeys } = useMemo(() => filterTree(directory, search), [directory, search]);
  const defaultExpanded = useMemo(() => (directory ? directory.tree.flatMap((n) => [n.key, ...n.children.map((c) => c.key)]) : []), [directory]);

  /** After a change: select the unit, open its (new) parent, read the tree again. */
  const done = (unitId?: string, parentId?: string | null) => {
    setDialog(null);
    if (!unitId) return;
    setSelected(unitId);
    if (parentId) setExpanded((e) => [...new Set([...(e ?? defaultExpanded), parentId])]);
    units.reload();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('units.title')}
          </Typography.Title>
          {directory && (
            <Typography.Text type="secondary" data-testid="unit-count">
              {t('units.count', { count: directory.units.length })}
            </Typography.Text>
          )}
        </div>
        {root && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: null })}>
            {t('units.createTop')}
          </Button>
        )}
      </Flex>
      {directory ? (
        directory.units.length === 0 ? (
          <Card>
            <EmptyState description={t('units.none')}>
              {root && (
                <Button type="primary" onClick={() => setDialog({ kind: 'create', parent: null })}>
                  {t('units.createTop')}
                </Button>
              )}
            </EmptyState>
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card title={<><ApartmentOutlined /> {t('units.tree')}</>}>
                <Input.Search allowClear placeholder={t('units.search')} aria-label={t('units.search')} onChange={(e) => setSearch(e.target.value.trim())} style={{ marginBottom: 12 }} />
                {treeData.length === 0 ? (
                  <EmptyState description={t('units.noneFound', { keyword: search })} />
                ) : (
                  <Tree
                    aria-label={t('units.tree')}
                    showLine
                    blockNode
                    treeData={treeData}
                    selectedKeys={selected ? [selected] : []}
                    expandedKeys={search ? visibleKeys : (expanded ?? defaultExpanded)}
                    onExpand={(keys) => setExpanded(keys.map(String))}
                    onSelect={(keys) => keys.length && setSelected(String(keys[0]))}
                    data-testid="unit-tree"
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              {current ? (
                <UnitDetail unit={current} directory={directory} onDialog={setDialog} />
              ) : (
                <Card>
                  <EmptyState description={t('units.pick')} />
                </Card>
              )}
            </Col>
          </Row>
        )
      ) : units.error ? (
        <ErrorState error={units.error} onRetry={units.reload} />
      ) : (
        <Loading rows={8} />
      )}
      {dialog?.kind === 'create' && <CreateUnitModal parent={dialog.parent} onClose={done} />}
      {dialog?.kind === 'rename' && <RenameUnitModal unit={dialog.unit} onClose={done} />}
      {dialog?.kind === 'move' && directory && <MoveUnitModal unit={dialog.unit} directory={directory} onClose={done} />}
    </Space>
  );
}

type TreeItem = { key: string; title: string; children: TreeItem[] };

/** The tree as antd wants it, cut down to the units whose names contain the search (with their parents). */
function filterTree(directory: UnitDirectory | undefined, search: string): { treeData: TreeItem[]; visibleKeys: string[] } {
  const keys: string[] = [];
  const walk = (nodes: UnitTreeNode[]): TreeItem[] =>
    nodes.flatMap((n) => {
      const children = walk(n.children);
      if (search && !n.title.includes(search) && children.length === 0) return [];
      keys.push(n.key);
      return [{ key: n.key, title: n.title, children }];
    });
  const treeData = walk(directory?.tree ?? []);
  return { treeData, visibleKeys: keys };
}

function UnitDetail({ unit, directory, onDialog }: { unit: UnitRow; directory: UnitDirectory; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation('adminPeople');
  const { me } = useAuth();
  const counts = useQuery(UnitCountsDocument, { variables: { unitId: unit.id } });
  const parent = unit.parentId ? directory.byId.get(unit.parentId) : undefined;
  const children = directory.units.filter((u) => u.parentId === unit.id).length;
  const movable = Boolean(unit.parentId) && unit.id !== me?.unit.id;

  return (
    <Card title={unit.name} data-testid="unit-detail">
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onDialog({ kind: 'create', parent: unit })}>
          {t('units.createChild')}
        </Button>
        <Button icon={<EditOutlined />} onClick={() => onDialog({ kind: 'rename', unit })}>
          {t('units.rename')}
        </Button>
        <Button icon={<DragOutlined />} onClick={() => onDialog({ kind: 'move', unit })} disabled={!movable} aria-describedby={movable ? undefined : 'unit-move-note'}>
          {t('units.move')}
        </Button>
        {!movable && (
          <Typography.Text type="secondary" id="unit-move-note">
            {t(unit.parentId ? 'units.cannotMoveOwn' : 'units.cannotMoveTop')}
          </Typography.Text>
        )}
      </Space>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'path', label: t('units.path'), children: directory.pathOf(unit.id) },
          { key: 'parent', label: t('units.parent'), children: parent?.name ?? t('units.topLevel') },
          { key: 'depth', label: t('units.level'), children: t('units.levelValue', { level: unit.depth + 1 }) },
          { key: 'children', label: t('units.children'), children: t('units.childrenValue', { count: children }) },
          { key: 'created', label: t('units.createdAt'), children: formatDateTime(unit.createdAt) },
        ]}
      />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Statistic title={t('units.ownUsers')} value={counts.data?.own.totalCount ?? '-'} loading={counts.loading && !counts.data} />
        </Col>
        <Col span={12}>
          <Statistic title={t('units.allUsers')} value={counts.data?.all.totalCount ?? '-'} loading={counts.loading && !counts.data} />
        </Col>
      </Row>
      {counts.error && <Alert type="error" showIcon title={t('units.countsFailed')} style={{ marginTop: 12 }} />}
      <div style={{ marginTop: 16 }}>
        <Link to={`/admin/users?unit=${unit.id}`}>
          <TeamOutlined /> {t('units.viewUsers')}
        </Link>
      </div>
    </Card>
  );
}

function CreateUnitModal({ parent, onClose }: { parent: UnitRow | null; onClose: (unitId?: string, parentId?: string | null) => void }) {
  const { t } = useTranslation('adminPeople');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [create, creating] = useMutation(CreateUnitDocument);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async ({ name }: { name: string }) => {
    setProblem(null);
    try {
      const res = await create({ variables: { input: { name: name.trim(), parentId: parent?.id ?? null } } });
      void message.success(t('units.created', { name: res.data!.createUnit.name }));
      onClose(res.data!.createUnit.id, parent?.id);
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  return (
    <Modal open title={parent ? t('units.createChildOf', { name: parent.name }) : t('units.createTop')} onCancel={() => onClose()} onOk={() => form.submit()} okText={t('units.createOk')} cancelText={t('cancel')} confirmLoading={creating.loading}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} name="createUnit" layout="vertical" onFinish={submit} initialValues={{ name: '' }}>
        <Form.Item name="name" label={t('units.name')} rules={nameRules(t)}>
          <Input autoFocus autoComplete="off" maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenameUnitModal({ unit, onClose }: { unit: UnitRow; onClose: (unitId?: string, parentId?: string | null) => void }) {
  const { t } = useTranslation('adminPeople');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [rename, renaming] = useMutation(RenameUnitDocument);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async ({ name }: { name: string }) => {
    setProblem(null);
    try {
      await rename({ variables: { input: { id: unit.id, name: name.trim() } } });
      void message.success(t('units.renamed', { name: name.trim() }));
      onClose(unit.id);
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  return (
    <Modal open title={t('units.renameTitle', { name: unit.name })} onCancel={() => onClose()} onOk={() => form.submit()} okText={t('units.renameOk')} cancelText={t('cancel')} confirmLoading={renaming.loading}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} name="renameUnit" layout="vertical" onFinish={submit} initialValues={{ name: unit.name }}>
        <Form.Item name="name" label={t('units.newName')} rules={nameRules(t)}>
          <Input autoFocus autoComplete="off" maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Moves a unit with everything under it; a place the API refuses (under itself, a top-level unit, one's own unit) is explained. */
function MoveUnitModal({ unit, directory, onClose }: { unit: UnitRow; directory: UnitDirectory; onClose: (unitId?: string, parentId?: string | null) => void }) {
  const { t } = useTranslation('adminPeople');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newParentId?: string }>();
  const [move, moving] = useMutation(MoveUnitDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const below = directory.units.filter((u) => directory.pathOf(u.id).startsWith(`${directory.pathOf(unit.id)} / `)).length;

  const submit = async ({ newParentId }: { newParentId?: string }) => {
    setProblem(null);
    try {
      await move({ variables: { input: { id: unit.id, newParentId: newParentId! } } });
      void message.success(t('units.moved', { name: unit.name, parent: directory.byId.get(newParentId!)?.name ?? '' }));
      onClose(unit.id, newParentId);
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  return (
    <Modal open title={t('units.moveTitle', { name: unit.name })} onCancel={() => onClose()} onOk={() => form.submit()} okText={t('units.moveOk')} cancelText={t('cancel')} confirmLoading={moving.loading}>
      <Typography.Paragraph type="secondary">{t('units.moveHint', { count: below })}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={t('units.moveRefused')} description={problem} style={{ marginBottom: 12 }} role="alert" data-testid="move-error" />}
      <Form form={form} name="moveUnit" layout="vertical" onFinish={submit} initialValues={{ newParentId: undefined }}>
        <Form.Item name="newParentId" label={t('units.newParent')} rules={[{ required: true, message: t('units.newParentRequired') }]} extra={t('units.currentParent', { name: unit.parentId ? directory.pathOf(unit.parentId) : t('units.topLevel') })}>
          <UnitPicker directory={directory} placeholder={t('units.chooseParent')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
