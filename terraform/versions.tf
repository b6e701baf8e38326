terraform {
  # 1.7 is the first OpenTofu release whose `tofu test` has mock providers.
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # aws_vpc_security_group_ingress_rule needs 5.x; 6.x is what the checks build.
      version = ">= 5.30.0, < 7.0.0"
    }
  }
}
