package io.gust.websocket;

/**
 * Which end of a WebSocket connection a reader or writer serves. A client masks every frame it
 * sends and refuses masked frames; a server refuses unmasked frames and never masks.
 */
public enum Role {
  /** The end that sent the upgrade request. */
  CLIENT,
  /** The end that answered it with 101. */
  SERVER
}
