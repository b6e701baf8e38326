# Plan-level tests with a mocked AWS provider (no AWS account, no network).

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]
    }
  }
  mock_data "aws_ami" {
    defaults = {
      id = "ami-0123456789abcdef0"
    }
  }
  mock_resource "aws_lb" {
    defaults = {
      arn      = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/mock/0123456789abcdef"
      dns_name = "mock-lb-0123456789.elb.us-east-1.amazonaws.com"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/mock/0123456789abcdef"
    }
  }
  mock_resource "aws_instance" {
    defaults = {
      id        = "i-0123456789abcdef0"
      public_ip = "192.0.2.10"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      id  = "day2ops-tests-perf-20260101000000000000000001"
      arn = "arn:aws:s3:::day2ops-tests-perf-20260101000000000000000001"
    }
  }
}

variables {
  cluster_name             = "day2ops-tests"
  ssh_public_key_file      = "tests/fixtures/id_ed25519.pub"
  admin_ips                = ["203.0.113.7/32", "198.51.100.0/24"]
  day2ops_release_base_url = "https://releases.example.com/day2ops"
}

# Every ingress rule is keyed "<group>-<port>-<source>" (see security.tf).

run "admin_ports_never_open_to_the_world" {
  command = plan

  # The only rules from anywhere: application ports 80/443 on the public agents
  # and their load balancer.
  assert {
    condition = alltrue([
      for key, rule in aws_vpc_security_group_ingress_rule.cluster :
      rule.cidr_ipv4 != "0.0.0.0/0" || (contains([80, 443], rule.from_port) && can(regex("^public_(agents|lb)-", key)))
    ])
    error_message = "An admin port is open to 0.0.0.0/0."
  }

  # Admin groups admit admin_ips or the admin load balancer's group, nothing else
  # (rules without a CIDR are the ones keyed by their source group).
  assert {
    condition = alltrue([
      for key, rule in aws_vpc_security_group_ingress_rule.cluster :
      rule.cidr_ipv4 == null ? can(regex("-(admin_lb|public_lb)$", key)) : contains(["203.0.113.7/32", "198.51.100.0/24"], rule.cidr_ipv4)
      if can(regex("^(admin|masters|agents|admin_lb)-", key))
    ])
    error_message = "An admin security group admits a source outside admin_ips."
  }

  assert {
    condition = toset([
      for key, rule in aws_vpc_security_group_ingress_rule.cluster : rule.cidr_ipv4 if rule.from_port == 22
    ]) == toset(["203.0.113.7/32", "198.51.100.0/24"])
    error_message = "SSH must be open to exactly admin_ips."
  }

  assert {
    condition     = toset([for key, rule in aws_vpc_security_group_ingress_rule.cluster : rule.from_port if can(regex("^admin_lb-", key))]) == toset([80, 443, 10080, 10443])
    error_message = "The admin load balancer admits DC/OS 80/443 and day2ops 10080/10443, from admin_ips."
  }

  assert {
    condition     = toset([for key, rule in aws_vpc_security_group_ingress_rule.cluster : rule.from_port if can(regex("^agents-", key))]) == toset([61001, 61092])
    error_message = "Agents admit their Adminrouter ports (DC/OS 61001, day2ops 61092) from admin_ips."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.internal.ip_protocol == "-1"
    error_message = "Nodes must reach each other on every port through the internal group."
  }
}

run "restricted_public_agents_and_plain_fleet" {
  command = plan

  variables {
    install_dcos                = false
    public_agents_allowed_cidrs = ["192.0.2.0/24"]
  }

  assert {
    condition     = alltrue([for key, rule in aws_vpc_security_group_ingress_rule.cluster : rule.cidr_ipv4 != "0.0.0.0/0"])
    error_message = "With public_agents_allowed_cidrs restricted, nothing is open to 0.0.0.0/0."
  }

  # Without DC/OS the day2ops Adminrouter takes the standard ports.
  assert {
    condition     = toset([for key, rule in aws_vpc_security_group_ingress_rule.cluster : rule.from_port if can(regex("^admin_lb-", key))]) == toset([80, 443])
    error_message = "On a plain fleet the admin load balancer carries only the day2ops Adminrouter (80/443)."
  }

  assert {
    condition     = toset([for key, rule in aws_vpc_security_group_ingress_rule.cluster : rule.from_port if can(regex("^agents-", key))]) == toset([61001])
    error_message = "On a plain fleet the agents' day2ops Adminrouter listens on 61001."
  }
}
