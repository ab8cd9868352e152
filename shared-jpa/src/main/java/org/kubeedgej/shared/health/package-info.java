/** What cloudcore's and edgecore's health checks measure the same way. */
package org.kubeedgej.shared.health;
