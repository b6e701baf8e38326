# A small DC/OS + day2ops demo cluster: one master, two private agents, one public
# agent. Copy terraform.tfvars.example to terraform.tfvars, fill it in, then
# `tofu init && tofu apply` (or terraform). See ../../README.md.

terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30.0, < 7.0.0"
    }
  }
}

provider "aws" {
  region = var.region
}

module "dcos" {
  source = "../.."

  cluster_name        = var.cluster_name
  ssh_public_key_file = var.ssh_public_key_file
  admin_ips           = var.admin_ips

  num_masters        = var.num_masters
  num_private_agents = var.num_private_agents
  num_public_agents  = var.num_public_agents

  dcos_version = var.dcos_version

  day2ops_install_method   = var.day2ops_install_method
  day2ops_version          = var.day2ops_version
  day2ops_release_base_url = var.day2ops_release_base_url

  enable_perf_runner = var.enable_perf_runner
  perf_repo_url      = var.perf_repo_url

  tags = merge({ Owner = var.owner, Purpose = "day2ops-demo" }, var.tags)
}
