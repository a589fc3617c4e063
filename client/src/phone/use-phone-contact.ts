import { zPhoneContact, type PhoneContact } from '@ringstuga/shared';
import { useEffect, useState } from 'react';
import type { PhoneSocket } from './phone-socket.ts';

const zPushed = zPhoneContact.nullable();

/** The station's current contact as pushed to this phone; held in memory only, never stored. */
export function usePhoneContact(socket: PhoneSocket): { contact: PhoneContact | null; received: boolean; clear: () => void } {
  const [state, setState] = useState<{ contact: PhoneContact | null; received: boolean }>({ contact: null, received: false });
  useEffect(() => {
    const onContact = (pushed: unknown) => {
      const parsed = zPushed.safeParse(pushed);
      // Something this page cannot read is shown as nothing, rather than half a contact.
      setState({ contact: parsed.success ? parsed.data : null, received: true });
    };
    socket.on('phone:contact', onContact);
    return () => void socket.off('phone:contact', onContact);
  }, [socket]);
  return { ...state, clear: () => setState((last) => ({ ...last, contact: null })) };
}
