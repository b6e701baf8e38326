# The demo root module wires the inputs through and exposes the module's outputs.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["us-east-1a", "us-east-1b", "us-east-1c"]
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
      dns_name = "demo-admin.elb.us-east-1.amazonaws.com"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/mock/0123456789abcdef"
    }
  }
}

variables {
  ssh_public_key_file      = "../../tests/fixtures/id_ed25519.pub"
  admin_ips                = ["203.0.113.7/32"]
  owner                    = "ci@example.com"
  day2ops_release_base_url = "https://releases.example.com/day2ops"
}

run "demo_cluster" {
  command = apply

  assert {
    condition     = length(output.masters-ips) == 1 && output.day2ops_url == "https://demo-admin.elb.us-east-1.amazonaws.com:10443"
    error_message = "The demo exposes one master and the day2ops URL."
  }

  assert {
    condition     = module.dcos.cluster_name == "day2ops-demo"
    error_message = "The demo's default cluster name reaches the module."
  }
}
