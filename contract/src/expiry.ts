/** How an expiry date stands against the clock and a warn window (what the cert/expir* rules judge). */
export type ExpiryState = 'expired' | 'expiring' | 'valid';
