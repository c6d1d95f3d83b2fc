/** Per-request HTTP facts every feature may need: the client's address behind trusted proxies. */
package app.pdeck.platform.http;
