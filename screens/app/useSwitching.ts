import { useCallback, useRef, type MutableRefObject } from 'react';
import type { NamedRef } from '../../src/auth/types.js';
import { myProjects } from '../../src/app/connection.js';
import type { Managers } from '../../src/managers/index.js';
import type { SessionInfo } from '../../src/session/session.js';
import type { SetOverlay } from './overlay.js';

export interface SwitchingDeps {
  managers: Managers;
  info: SessionInfo;
  clouds: string[];
  setOverlay: SetOverlay;
  onSwitchCloud: (name: string) => void;
  onSwitchProject: (project: NamedRef) => void;
}

export interface Switching {
  pickCloud: () => void;
  pickProject: () => void;
  /** The user's projects (Keystone GET /v3/auth/projects), asked for once. */
  loadProjects: () => Promise<NamedRef[]>;
  projects: MutableRefObject<NamedRef[] | undefined>;
}

const PROJECT_TITLE = 'Switch to project';

/** The pickers of `C` (a cloud of clouds.yaml) and `P` (one of your projects). */
export function useSwitching(d: SwitchingDeps): Switching {
  const deps = useRef(d);
  deps.current = d;
  const projects = useRef<NamedRef[] | undefined>(undefined);

  const pickCloud = useCallback(() => {
    const { info, clouds, setOverlay, onSwitchCloud } = deps.current;
    setOverlay({
      kind: 'picker',
      title: 'Switch to cloud (clouds.yaml)',
      items: clouds.map((c) => ({ label: c, value: c, hint: c === info.cloud ? 'current' : undefined })),
      error: clouds.length
        ? undefined
        : new Error('No clouds.yaml with clouds was found (OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/clouds.yaml).'),
      onSelect: (name) => {
        setOverlay(null);
        if (name !== info.cloud) onSwitchCloud(name);
      },
    });
  }, []);

  const loadProjects = useCallback(async (): Promise<NamedRef[]> => {
    projects.current ??= await myProjects(deps.current.managers);
    return projects.current;
  }, []);

  const pickProject = useCallback(() => {
    const { info, setOverlay, onSwitchProject } = deps.current;
    const onSelect = (id: string) => {
      setOverlay(null);
      const p = projects.current?.find((x) => x.id === id);
      if (p && p.id !== info.projectId) onSwitchProject(p);
    };
    setOverlay({ kind: 'picker', title: PROJECT_TITLE, onSelect });
    loadProjects().then(
      (list) =>
        setOverlay((o) =>
          o?.kind === 'picker' && o.title === PROJECT_TITLE
            ? { ...o, items: list.map((p) => ({ label: p.name ?? p.id, value: p.id, hint: p.id === info.projectId ? 'current' : p.id })) }
            : o,
        ),
      (err: unknown) => setOverlay((o) => (o?.kind === 'picker' && o.title === PROJECT_TITLE ? { ...o, error: err } : o)),
    );
  }, [loadProjects]);

  return { pickCloud, pickProject, loadProjects, projects };
}
