import { Box } from 'ink';
import React, { useRef, useState } from 'react';
import { SubmitOnce } from '../../src/forms/submitOnce.js';
import { FieldError } from '../../src/managers/fieldError.js';
import { SERVER_GROUP_POLICIES, type ServerGroup, type ServerGroupRequest, buildServerGroup } from '../../src/managers/serverGroups.js';
import { atLeast } from '../../src/session/microversion.js';
import { describeError } from '../../src/session/errors.js';
import { useApp } from '../app/context.js';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';
import { color } from '../theme.js';
import { editText, type TextState } from '../widgets/editText.js';
import { Text } from '../widgets/Text.js';

type Field = 'name' | 'policy' | 'max';

interface FormState {
  field: Field;
  name: TextState;
  policy: number;
  max: TextState;
}

const DOCS: KeyDoc[] = [
  { label: 'Tab/↓ Shift-Tab/↑', help: 'next / previous field', footer: 'field' },
  { label: '←/→ Space', help: 'on the policy: the next / previous policy', footer: 'policy' },
  { label: 'Enter', help: 'create the server group', footer: 'create' },
  { label: 'Esc', help: 'cancel', footer: 'cancel' },
];

/** The policies this compute API takes (soft ones from 2.15), and whether it takes rules (2.64). */
function offered(microversion: string): { policies: string[]; rules: boolean } {
  const soft = atLeast(microversion, '2.15');
  return { policies: SERVER_GROUP_POLICIES.filter((p) => soft || !p.startsWith('soft-')), rules: atLeast(microversion, '2.64') };
}

/** The fields shown now: max servers per host only for anti-affinity where the API has rules. */
function fieldsOf(s: FormState, policies: string[], rules: boolean): Field[] {
  return rules && policies[s.policy] === 'anti-affinity' ? ['name', 'policy', 'max'] : ['name', 'policy'];
}

/**
 * `c` on the server groups: a name, a policy (Left/Right) and, for anti-affinity from 2.64, the
 * most servers of the group on one host. Checked here before sending (the manager's own rules);
 * sent once (a second Enter while it is on its way does nothing).
 */
export function CreateGroupForm(props: { width: number; onCreated: (g: ServerGroup) => void; onCancel: () => void }): React.JSX.Element {
  const app = useApp();
  const microversion = app.info.microversion ?? '2.1';
  const { policies, rules } = offered(microversion);
  const state = useRef<FormState>({ field: 'name', name: { value: '', cursor: 0 }, policy: 0, max: { value: '', cursor: 0 } });
  const submitter = useRef(new SubmitOnce<ServerGroup>());
  const [, setTick] = useState(0);
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const redraw = () => setTick((t) => t + 1);

  const submit = async () => {
    const s = state.current;
    const max = s.max.value.trim();
    const req: ServerGroupRequest = { name: s.name.value, policy: policies[s.policy]! };
    if (fieldsOf(s, policies, rules).includes('max') && max) {
      if (!/^\d+$/.test(max)) return setError(`Max servers per host must be a whole number >= 1 (got '${max}').`);
      req.rules = { max_server_per_host: Number(max) };
    }
    try {
      buildServerGroup(req, microversion);
    } catch (err) {
      if (err instanceof FieldError) return setError(err.message);
      throw err;
    }
    setError(undefined);
    setSending(true);
    const result = await submitter.current.submit(() => app.managers.serverGroups.create(req));
    setSending(false);
    if (result.kind === 'sent') return props.onCreated(result.value);
    if (result.kind === 'ignored') return;
    if (result.kind === 'refused') {
      submitter.current.rearm();
      return setError(describeError(result.error));
    }
    setError(`${describeError(result.error)} — no answer: the group may have been created; refresh (Ctrl-R) before trying again.`);
  };

  useKeyOwner(
    ({ input, key, name }) => {
      const s = state.current;
      const fields = fieldsOf(s, policies, rules);
      const at = Math.max(0, fields.indexOf(s.field));
      if (key.escape) return props.onCancel();
      if (sending) return;
      if (key.return) return void submit();
      if (name === 'tab' || key.downArrow) s.field = fields[(at + 1) % fields.length]!;
      else if (name === 'shift-tab' || key.upArrow) s.field = fields[(at + fields.length - 1) % fields.length]!;
      else if (s.field === 'policy') {
        if (key.rightArrow || input === ' ') s.policy = (s.policy + 1) % policies.length;
        else if (key.leftArrow) s.policy = (s.policy + policies.length - 1) % policies.length;
        else return;
      } else {
        const next = editText(s[s.field], input, key);
        if (!next) return;
        s[s.field] = next;
      }
      setError(undefined);
      redraw();
    },
    { modal: true, text: () => state.current.field !== 'policy', docs: DOCS },
  );

  const s = state.current;
  const fields = fieldsOf(s, policies, rules);
  const field = (f: Field, label: string, value: React.ReactNode) => (
    <Text wrap="truncate">
      <Text
        color={s.field === f ? color('cyan') : undefined}
        bold={s.field === f}
      >{`${s.field === f ? '›' : ' '} ${label.padEnd(22)}`}</Text>
      {value}
    </Text>
  );
  const text = (t: TextState, active: boolean) =>
    active ? (
      <Text>
        {t.value.slice(0, t.cursor)}
        <Text inverse>{t.value[t.cursor] ?? ' '}</Text>
        {t.value.slice(t.cursor + 1)}
      </Text>
    ) : (
      t.value
    );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('cyan')} paddingX={1} width={Math.min(props.width, 78)}>
      <Text bold>New server group</Text>
      {field('name', 'Name', text(s.name, s.field === 'name'))}
      {field(
        'policy',
        'Policy',
        <Text>
          <Text inverse={s.field === 'policy'}>{`‹ ${policies[s.policy]} ›`}</Text>
          <Text dimColor>{`  ${s.policy + 1} of ${policies.length}`}</Text>
        </Text>,
      )}
      {fields.includes('max') ? field('max', 'Max servers per host', text(s.max, s.field === 'max')) : null}
      {!rules ? <Text dimColor>{`Rules need compute API 2.64 (in use: ${microversion}).`}</Text> : null}
      {error ? <Text color={color('red')}>{error}</Text> : null}
      {sending ? <Text color={color('cyan')}>Creating…</Text> : null}
    </Box>
  );
}
