import type { PhoneContact } from '@ringstuga/shared';
import { useState } from 'react';
import { usePush } from '../connection/use-push.ts';
import type { PhoneSocket } from './phone-socket.ts';

/** The station's current contact as pushed to this phone; held in memory only, never stored. */
export function usePhoneContact(socket: PhoneSocket): { contact: PhoneContact | null; received: boolean; clear: () => void } {
  const [state, setState] = useState<{ contact: PhoneContact | null; received: boolean }>({ contact: null, received: false });
  usePush(
    socket,
    'phone:contact',
    (contact) => setState({ contact, received: true }),
    // Something this page cannot read is shown as nothing, rather than half a contact.
    () => setState({ contact: null, received: true }),
  );
  return { ...state, clear: () => setState((last) => ({ ...last, contact: null })) };
}
