#!/usr/bin/env bash
# DC/OS ip-detect: the node's private address, from the instance metadata (IMDSv2).
set -o nounset -o errexit -o pipefail
token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/local-ipv4
