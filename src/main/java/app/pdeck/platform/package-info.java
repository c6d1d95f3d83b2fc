/** Shared plumbing: the JAX-RS application, backend clients, problem+json error mapping. */
package app.pdeck.platform;
