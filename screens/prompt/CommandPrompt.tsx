import type { Key } from 'ink';
import React, { useRef, useState } from 'react';
import type { PromptHistory } from '../../src/app/history.js';
import { commonPrefix, promptCandidates, quoteWord, type CompletionSources } from '../../src/app/promptCommands.js';
import type { KeyDoc } from '../keys/dispatcher.js';
import { LineInput } from '../widgets/LineInput.js';

export interface CandidateList {
  items: string[];
  /** The one Tab put on the line, while cycling; -1 before the first. */
  selected: number;
}

export interface CommandPromptProps {
  history: PromptHistory;
  /** Where Tab finds names (completion caches, clouds, projects, key pairs). */
  sources: () => CompletionSources;
  width: number;
  initial?: string;
  onSubmit: (line: string) => void;
  onCancel: () => void;
  /** Ambiguous completions to show above the prompt (undefined hides them). */
  onCandidates: (list: CandidateList | undefined) => void;
}

const PROMPT_DOCS: KeyDoc[] = [
  { label: 'Enter', help: 'run the command', footer: 'run' },
  { label: 'Tab', help: 'complete (again: next candidate, Shift-Tab: previous)', footer: 'complete' },
  { label: '↑/↓', help: 'history', footer: 'history' },
  { label: 'Esc', help: 'close the prompt', footer: 'close' },
];

/** Start of the word the cursor is in (the line is completed at its end). */
function wordStart(text: string): number {
  const m = /\S*$/.exec(text);
  return m ? m.index : text.length;
}

/**
 * The ':' prompt: every one-shot command plus the app's own. Tab completes command names,
 * options and server / flavor / image names and ids; repeated Tab cycles through ambiguous
 * candidates (Shift-Tab backwards). Up/Down walk the history, which is kept between runs.
 */
export function CommandPrompt(props: CommandPromptProps): React.JSX.Element {
  const [value, setValue] = useState(props.initial ?? '');
  const valueRef = useRef(value);
  const hist = useRef<{ index: number; draft: string }>({ index: -1, draft: '' });
  const cycle = useRef<{ base: string; items: string[]; index: number } | undefined>(undefined);

  const set = (v: string) => {
    valueRef.current = v;
    setValue(v);
  };

  const complete = (backwards: boolean) => {
    const c = cycle.current;
    if (c && c.items.length > 1) {
      const n = c.items.length;
      c.index = backwards ? (c.index <= 0 ? n - 1 : c.index - 1) : (c.index + 1) % n;
      set(c.base + quoteWord(c.items[c.index]!));
      props.onCandidates({ items: c.items, selected: c.index });
      return;
    }
    const text = valueRef.current;
    const start = wordStart(text);
    const base = text.slice(0, start);
    const word = text.slice(start);
    const items = promptCandidates(text, props.sources());
    if (!items.length) {
      props.onCandidates({ items: [], selected: -1 });
      return;
    }
    if (items.length === 1) {
      const only = items[0]!;
      set(base + quoteWord(only) + (only.endsWith('/') ? '' : ' '));
      props.onCandidates(undefined);
      cycle.current = undefined;
      return;
    }
    const prefix = commonPrefix(items);
    if (prefix.length > word.length) set(base + quoteWord(prefix));
    cycle.current = { base, items, index: -1 };
    props.onCandidates({ items, selected: -1 });
  };

  const onKey = (_input: string, key: Key): boolean => {
    if (key.tab) {
      complete(key.shift);
      return true;
    }
    if (cycle.current) {
      cycle.current = undefined;
      props.onCandidates(undefined);
    }
    const entries = props.history.entries();
    if (key.upArrow) {
      if (!entries.length) return true;
      const h = hist.current;
      if (h.index === -1) h.draft = valueRef.current;
      h.index = h.index === -1 ? entries.length - 1 : Math.max(0, h.index - 1);
      set(entries[h.index]!);
      return true;
    }
    if (key.downArrow) {
      const h = hist.current;
      if (h.index === -1) return true;
      h.index++;
      if (h.index >= entries.length) {
        h.index = -1;
        set(h.draft);
      } else set(entries[h.index]!);
      return true;
    }
    return false;
  };

  return (
    <LineInput
      prefix=":"
      value={value}
      width={props.width}
      placeholder="command (Tab completes, ↑ history, Esc closes)"
      onChange={(v) => {
        valueRef.current = v;
        setValue(v);
        hist.current.index = -1;
      }}
      onSubmit={(v) => {
        props.onCandidates(undefined);
        props.onSubmit(v);
      }}
      onCancel={() => {
        props.onCandidates(undefined);
        props.onCancel();
      }}
      onKey={onKey}
      docs={PROMPT_DOCS}
    />
  );
}
