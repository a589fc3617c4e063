/** A link's token and url, the token in the fragment, which browsers never send to a server or its logs. */
export function pageLink(publicUrl: string | undefined, request: { protocol: string; host: string }, page: string, token: string) {
  return { token, url: `${publicUrl ?? `${request.protocol}://${request.host}`}${page}#token=${token}` };
}
