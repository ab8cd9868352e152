#!/usr/bin/env bash
# certgen.sh: KubeEdge's certgen step for KubeEdge-J. Makes a project CA, CloudCore's server certificate and one
# client certificate per edge node, as PEM files and as the PKCS12 key/trust stores that Liberty and EdgeHub read.
# Edge certificates have KubeEdge's subject, CN=system:node:NODE with O=system:nodes (what KubeEdge's certificate
# service issues and its edgecore insists on); --plain-cn gives the older CN=NODE form, which CloudHub also takes.
#
#   certs/certgen.sh ca     DIR                                 CA key + certificate (kept if present)
#   certs/certgen.sh server DIR [--ip IP]... [--dns NAME]...    cloudcore.p12 (SANs: 127.0.0.1, localhost + given)
#   certs/certgen.sh edge   DIR NODE [--plain-cn]               edge-NODE.p12 (+ .crt/.key PEM) signed by the CA
#   certs/certgen.sh apiserver-client DIR                       apiserver-kubelet-client.p12: the API server's
#                                                               kubelet client, which CloudStream's port takes
#   certs/certgen.sh all    DIR NODE                            CA, server and edge, skipping what exists
#
# Stores use the password in KUBEEDGEJ_STORE_PASSWORD (default: kubeedge-j). truststore.p12 holds the CA.
# Keys are ECDSA P-256, as KubeEdge's (its CloudHub accepts only ECDSA suites).
set -euo pipefail

PASS="${KUBEEDGEJ_STORE_PASSWORD:-kubeedge-j}"
DAYS_CA=3650
DAYS_CERT=365

die() { echo "certgen: $*" >&2; exit 1; }

ca() {
  local dir=$1
  mkdir -p "$dir"
  if [ -f "$dir/ca.crt" ] && [ -f "$dir/ca.key" ]; then return; fi
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days $DAYS_CA -subj "/CN=KubeEdge-J CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/ca.crt"
  rm -f "$dir/truststore.p12"
  keytool -importcert -noprompt -alias kubeedge-j-ca -file "$dir/ca.crt" -keystore "$dir/truststore.p12" \
    -storetype PKCS12 -storepass "$PASS" > /dev/null
  chmod 600 "$dir/ca.key"
  echo "certgen: CA written to $dir/ca.crt (truststore: $dir/truststore.p12)"
}

# sign DIR NAME SUBJECT EXT: key + certificate NAME.{key,crt} signed by the CA, then NAME.p12 with the chain.
sign() {
  local dir=$1 name=$2 subject=$3 ext=$4
  [ -f "$dir/ca.key" ] || die "no CA in $dir: run 'certs/certgen.sh ca $dir' first"
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/$name.key"
  openssl req -new -key "$dir/$name.key" -subj "$subject" -out "$dir/$name.csr"
  printf '%b' "$ext" > "$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -sha256 \
    -days $DAYS_CERT -extfile "$dir/$name.ext" -out "$dir/$name.crt" 2> /dev/null
  openssl pkcs12 -export -name "$name" -inkey "$dir/$name.key" -in "$dir/$name.crt" -certfile "$dir/ca.crt" \
    -passout "pass:$PASS" -out "$dir/$name.p12"
  rm -f "$dir/$name.csr" "$dir/$name.ext"
  chmod 600 "$dir/$name.key" "$dir/$name.p12"
}

server() {
  local dir=$1; shift
  local sans="IP:127.0.0.1,DNS:localhost"
  while [ $# -gt 0 ]; do
    case $1 in
      --ip) sans="$sans,IP:$2"; shift 2;;
      --dns) sans="$sans,DNS:$2"; shift 2;;
      *) die "unknown option $1 (use --ip IP or --dns NAME)";;
    esac
  done
  sign "$dir" cloudcore /CN=cloudcore \
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=$sans\n"
  echo "certgen: CloudCore certificate written to $dir/cloudcore.p12 (SANs $sans)"
}

edge() {
  local dir=$1 node=${2:-} subject
  [[ "$node" =~ ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ ]] || die "'$node' is not a valid node name (lower-case DNS name)"
  case ${3:-} in
    --plain-cn) subject="/CN=$node";;
    "") subject="/O=system:nodes/CN=system:node:$node";;
    *) die "unknown option $3 (use --plain-cn)";;
  esac
  sign "$dir" "edge-$node" "$subject" \
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n"
  echo "certgen: edge certificate for node $node ($subject) written to $dir/edge-$node.p12"
}

# kubeadm's apiserver-kubelet-client subject: the name CloudStream's stream port accepts by default.
apiserver_client() {
  local dir=$1
  sign "$dir" apiserver-kubelet-client "/O=kubeadm:cluster-admins/CN=kube-apiserver-kubelet-client" \
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n"
  echo "certgen: API server kubelet client certificate written to $dir/apiserver-kubelet-client.p12"
}

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
shift 2
case $cmd in
  ca) ca "$dir";;
  server) server "$dir" "$@";;
  edge) edge "$dir" "$@";;
  apiserver-client) apiserver_client "$dir";;
  all)
    ca "$dir"
    [ -f "$dir/cloudcore.p12" ] || server "$dir"
    [ -f "$dir/edge-${1:-edge-node}.p12" ] || edge "$dir" "${1:-edge-node}";;
  *) die "unknown command $cmd (ca, server, edge, apiserver-client, all)";;
esac
