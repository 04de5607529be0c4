import React from 'react';
import { HypervisorDetail } from '../admin/HypervisorDetail.js';
import { HypervisorList } from '../admin/HypervisorList.js';
import { InstanceActionView } from '../admin/InstanceActionView.js';
import { ServiceDetail } from '../admin/ServiceDetail.js';
import { ServiceList } from '../admin/ServiceList.js';
import { FlavorDetail } from '../flavors/FlavorDetail.js';
import { FlavorList } from '../flavors/FlavorList.js';
import { ServerGroupDetail } from '../groups/ServerGroupDetail.js';
import { ServerGroupList } from '../groups/ServerGroupList.js';
import { ImageDetail } from '../images/ImageDetail.js';
import { ImageList } from '../images/ImageList.js';
import { KeypairDetail } from '../keypairs/KeypairDetail.js';
import { KeypairList } from '../keypairs/KeypairList.js';
import { LimitsView } from '../limits/LimitsView.js';
import { ResultView } from '../prompt/ResultView.js';
import { ResourceView } from '../resources/ResourceView.js';
import { ServerDetail } from '../servers/ServerDetail.js';
import { ServerList } from '../servers/ServerList.js';
import type { ScreenProps } from './context.js';
import type { NavEntry } from './routes.js';

/** The screen of one navigation entry. */
export function ScreenView(props: Omit<ScreenProps, 'entryKey'> & { entry: NavEntry }): React.JSX.Element {
  const { entry, ...rest } = props;
  const p: ScreenProps = { ...rest, entryKey: entry.key };
  const r = entry.route;
  switch (r.screen) {
    case 'servers':
      return <ServerList {...p} />;
    case 'server':
      return <ServerDetail {...p} id={r.id} name={r.name} />;
    case 'flavors':
      return <FlavorList {...p} />;
    case 'flavor':
      return <FlavorDetail {...p} id={r.id} name={r.name} />;
    case 'images':
      return <ImageList {...p} />;
    case 'image':
      return <ImageDetail {...p} id={r.id} name={r.name} />;
    case 'keypairs':
      return <KeypairList {...p} />;
    case 'keypair':
      return <KeypairDetail {...p} name={r.name} />;
    case 'limits':
      return <LimitsView {...p} />;
    case 'resource':
      return <ResourceView {...p} plural={r.plural} />;
    case 'server-groups':
      return <ServerGroupList {...p} />;
    case 'server-group':
      return <ServerGroupDetail {...p} id={r.id} name={r.name} />;
    case 'hypervisors':
      return <HypervisorList {...p} />;
    case 'hypervisor':
      return <HypervisorDetail {...p} id={r.id} name={r.name} />;
    case 'services':
      return <ServiceList {...p} />;
    case 'service':
      return <ServiceDetail {...p} service={r.service} />;
    case 'instance-action':
      return <InstanceActionView {...p} serverId={r.serverId} serverName={r.serverName} requestId={r.requestId} />;
    case 'result':
      return <ResultView {...p} title={r.title} result={r.result} />;
  }
}
