/** Key rotation for operators: which key each encrypted value uses, and the job that moves them to the active key. */
package app.pdeck.security.keys;
