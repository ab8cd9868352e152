/**
 * Work that only needs its newest value: a report or record about an object waits under the object's key, a
 * newer one folds into it, and a few workers write what is waiting. Used where a fast producer (edge reports,
 * acknowledgements) meets a slower consumer (the API server, the tunnel's message budget).
 */
package org.kubeedgej.shared.coalescing;
