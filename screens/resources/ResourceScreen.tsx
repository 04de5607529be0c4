import { Box, Text, type Key } from 'ink';
import React, { useCallback, useRef, useState } from 'react';
import { resourceFormFields } from '../../src/extensions/formDraft.js';
import type { DeclaredResource, FieldValue } from '../../src/extensions/types.js';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import type { DeclaredItem, DeclaredResourceManager } from '../../src/managers/declared.js';
import { describeError } from '../../src/session/errors.js';
import { safeText } from '../../src/util/terminalText.js';
import { useAsync } from '../hooks/useAsync.js';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';
import { color } from '../theme.js';
import { DeleteConfirm } from './DeleteConfirm.js';
import { ResourceDetail } from './ResourceDetail.js';
import { ResourceForm } from './ResourceForm.js';
import { ResourceList } from './ResourceList.js';

/** A key of the screen as data: the footer and the help overlay are made from these. */
export interface ResourceKey {
  keys: string;
  word: string;
  help: string;
  /** Where it works. */
  on: Array<'list' | 'detail'>;
}

/** The keys of a declared resource's screen: only the operations it offers, nothing that writes under --read-only. */
export function resourceKeymap(resource: DeclaredResource, readOnly: boolean): ResourceKey[] {
  const ops = resource.operations;
  const name = resource.name.replace(/-/g, ' ');
  const keys: ResourceKey[] = [];
  if (ops.has('show')) keys.push({ keys: 'Enter', word: 'open', help: `Open the ${name} under the cursor`, on: ['list'] });
  if (ops.has('create') && !readOnly) keys.push({ keys: 'c', word: 'create', help: `Create a ${name} (a form)`, on: ['list', 'detail'] });
  if (ops.has('update') && !readOnly) keys.push({ keys: 'e', word: 'edit', help: `Change the ${name} (a form)`, on: ['list', 'detail'] });
  if (ops.has('delete') && !readOnly)
    keys.push({ keys: 'd', word: 'delete', help: `Delete the ${name} (asks: y)`, on: ['list', 'detail'] });
  keys.push({ keys: 'Ctrl-R', word: 'refresh', help: 'Load again', on: ['list', 'detail'] });
  keys.push({ keys: 'Esc', word: 'back', help: 'Back', on: ['list', 'detail'] });
  return keys;
}

type View =
  | { kind: 'list' }
  | { kind: 'detail'; id: string }
  | { kind: 'form'; mode: 'create' | 'update'; item?: DeclaredItem; from: 'list' | 'detail' };

export interface ResourceScreenProps {
  resource: DeclaredResource;
  manager: DeclaredResourceManager;
  /** The screen owns the keyboard (no prompt, filter or overlay of the app is open). */
  active: boolean;
  width: number;
  height: number;
  /** The app's `/` filter, applied to the list. */
  filter: string;
  readOnly?: boolean;
  /** A one-line message for the app's status line. */
  notify?: (text: string, tone?: 'info' | 'success' | 'error') => void;
  /** Esc on the list (without one, Esc goes on to the app). */
  onBack?: () => void;
  /** `/` on the list: the app's filter line (without one, `/` goes on to the app). */
  onFilter?: () => void;
  /** Inside the app: its footer, help and status line say the keys and messages (this screen draws neither). */
  embedded?: boolean;
}

/**
 * The screen of a declared resource (`:documents`): the list, an item's detail, create and edit
 * through a generated form, delete with a `y` confirmation. Everything comes from the declaration.
 */
export function ResourceScreen(props: ResourceScreenProps): React.JSX.Element {
  const { resource, manager } = props;
  const ops = resource.operations;
  const label = resource.name.replace(/-/g, ' ');
  const [view, setView] = useState<View>({ kind: 'list' });
  const [cursorId, setCursorId] = useState<string>();
  const [confirm, setConfirm] = useState<DeclaredItem>();
  const [busy, setBusy] = useState<string>();
  const [formError, setFormError] = useState<unknown>();
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'error' }>();
  const [listTick, setListTick] = useState(0);
  const [detailTick, setDetailTick] = useState(0);
  const submitter = useRef(new SubmitOnce<string | undefined>());
  const notify = (text: string, tone: 'success' | 'error') => {
    setMessage({ text, tone });
    props.notify?.(text, tone);
  };

  const list = useAsync((signal) => (ops.has('list') ? manager.list({ signal }) : Promise.resolve([])), [manager, listTick]);
  const detailId = view.kind === 'detail' ? view.id : undefined;
  const detail = useAsync(
    (signal) => {
      if (detailId === undefined) return Promise.resolve(undefined);
      const fromList = list.data?.find((i) => i.id === detailId);
      return ops.has('show') ? manager.get(detailId, { signal }) : Promise.resolve(fromList);
    },
    [manager, detailId, detailTick],
  );

  const reloadAll = useCallback(() => {
    setListTick((t) => t + 1);
    setDetailTick((t) => t + 1);
  }, []);

  const openForm = (mode: 'create' | 'update', item: DeclaredItem | undefined, from: 'list' | 'detail') => {
    if (props.readOnly) return notify('Read-only: nothing that changes the cloud is offered.', 'error');
    submitter.current = new SubmitOnce<string | undefined>();
    setFormError(undefined);
    setView({ kind: 'form', mode, item, from });
  };

  const onCommonKey = (input: string, key: Key, item: DeclaredItem | undefined, from: 'list' | 'detail'): boolean => {
    if (key.ctrl && input === 'r') reloadAll();
    else if (input === 'c' && ops.has('create')) openForm('create', undefined, from);
    else if (input === 'e' && ops.has('update') && item) openForm('update', item, from);
    else if (input === 'd' && ops.has('delete') && item) {
      if (props.readOnly) notify('Read-only: nothing that changes the cloud is offered.', 'error');
      else setConfirm(item);
    } else return false;
    setMessage(undefined);
    return true;
  };

  const submit = async (values: Record<string, FieldValue>) => {
    if (view.kind !== 'form') return;
    const { mode, item, from } = view;
    setFormError(undefined);
    setBusy(mode === 'create' ? `Creating the ${label}…` : `Saving ${label} ${item?.id}…`);
    const result = await submitter.current.submit(async () => {
      if (mode === 'create') return (await manager.create(values)).id;
      await manager.update(item!.id, values);
      return item!.id;
    });
    setBusy(undefined);
    if (result.kind === 'ignored') return;
    if (result.kind === 'sent') {
      const id = result.value;
      notify(mode === 'create' ? `Created ${label}${id !== undefined ? ` ${id}` : ''}.` : `Saved ${label} ${id}.`, 'success');
      reloadAll();
      if (id !== undefined && (ops.has('show') || from === 'detail')) {
        setCursorId(id);
        setView({ kind: 'detail', id });
      } else setView({ kind: 'list' });
      return;
    }
    setFormError(result.error);
    // A refusal may be fixed and sent again; a lost answer may have created it: say so, and stop.
    if (result.kind === 'refused') submitter.current.rearm();
    else
      notify(
        `No answer: the ${label} may or may not have been ${mode === 'create' ? 'created' : 'saved'}; refresh before trying again.`,
        'error',
      );
  };

  const doDelete = async (item: DeclaredItem) => {
    setConfirm(undefined);
    setBusy(`Deleting ${label} ${item.id}…`);
    try {
      await manager.delete(item.id);
      notify(`Deleted ${label} ${item.id}${item.name && item.name !== item.id ? ` (${safeText(item.name)})` : ''}.`, 'success');
      if (view.kind === 'detail') setView({ kind: 'list' });
      reloadAll();
    } catch (err) {
      notify(`Cannot delete ${label} ${item.id}: ${describeError(err)}`, 'error');
    } finally {
      setBusy(undefined);
    }
  };

  const keysActive = props.active && !confirm && !busy;
  // The keys as the app's footer and `?` show them (this owner takes no key itself).
  const where = view.kind === 'form' ? undefined : view.kind;
  const shownKeys = where ? resourceKeymap(resource, props.readOnly === true).filter((k) => k.on.includes(where)) : [];
  const docs: KeyDoc[] = [
    // Esc is the app's own key there (back, or clear the filter first).
    ...shownKeys.filter((k) => !(props.embedded && k.keys === 'Esc')).map((k) => ({ label: k.keys, help: k.help, footer: k.word })),
    ...(where === 'list' && props.onFilter
      ? [{ label: '/', help: 'filter the list (words, or field:value)', footer: 'filter', names: ['/'] }]
      : []),
  ];
  useKeyOwner(() => false, { active: props.active && !!where && !confirm, docs });
  const footerHeight = props.embedded ? 1 : 2;
  const bodyHeight = Math.max(3, props.height - footerHeight - (confirm ? 5 : 0));
  const footer = props.embedded ? '' : shownKeys.map((k) => `${k.keys} ${k.word}`).join('   ');
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      {view.kind === 'list' ? (
        <ResourceList
          resource={resource}
          rows={list.data}
          error={list.error}
          loading={list.loading}
          active={keysActive}
          width={props.width}
          height={bodyHeight}
          filter={props.filter}
          cursorId={cursorId}
          onCursor={setCursorId}
          onKey={(input, key, selected) => {
            if (onCommonKey(input, key, selected, 'list')) return true;
            if (key.return && selected && ops.has('show')) {
              setCursorId(selected.id);
              setView({ kind: 'detail', id: selected.id });
            } else if (input === '/' && props.onFilter) props.onFilter();
            // With a filter set, Esc first clears it (the app's key).
            else if (key.escape && props.onBack && !props.filter) props.onBack();
            else return false;
            return true;
          }}
        />
      ) : view.kind === 'detail' ? (
        <ResourceDetail
          resource={resource}
          item={detail.data}
          error={detail.error}
          active={keysActive}
          width={props.width}
          height={bodyHeight}
          onKey={(input, key) => {
            if (onCommonKey(input, key, detail.data, 'detail')) return true;
            if (!key.escape) return false;
            setView({ kind: 'list' });
            return true;
          }}
        />
      ) : (
        <ResourceForm
          title={view.mode === 'create' ? `New ${label}` : `Edit ${label} ${view.item?.id}`}
          fields={resourceFormFields(resource, view.mode, view.item)}
          mode={view.mode}
          active={props.active}
          width={props.width}
          height={bodyHeight}
          sending={busy}
          error={formError}
          onSubmit={(values) => void submit(values)}
          onCancel={() => setView(view.from === 'detail' && view.item ? { kind: 'detail', id: view.item.id } : { kind: 'list' })}
        />
      )}
      {confirm ? (
        <DeleteConfirm
          title={`Delete ${label}`}
          message={`Delete ${label} ${safeText(confirm.id)}${confirm.name && confirm.name !== confirm.id ? ` (${safeText(confirm.name)})` : ''}? This cannot be undone.`}
          onYes={() => void doDelete(confirm)}
          onNo={() => setConfirm(undefined)}
        />
      ) : null}
      {busy && view.kind !== 'form' ? <Text color={color('cyan')}>{`  ${busy}`}</Text> : null}
      {props.embedded ? null : message ? (
        <Text color={color(message.tone === 'error' ? 'red' : 'green')} wrap="truncate">{`  ${safeText(message.text)}`}</Text>
      ) : (
        <Text> </Text>
      )}
      {footer ? <Text dimColor wrap="truncate">{`  ${footer}`}</Text> : null}
    </Box>
  );
}
