/** System tests of CloudCore with several replicas: leader election of the controllers (issue 16). */
package it.org.kubeedgej.ha;
