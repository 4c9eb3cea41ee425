/**
 * A random (version 4) UUID. crypto.randomUUID exists only in secure contexts (https, localhost);
 * getRandomValues exists everywhere, so the page also works served over plain http on a LAN.
 */
export declare function uuid(): string;
