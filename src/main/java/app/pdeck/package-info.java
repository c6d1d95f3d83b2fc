/** PDeck Data Service: the data and caching back end of PDeck, one package per feature. */
package app.pdeck;
