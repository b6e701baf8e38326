variable "region" {
  description = "AWS region of the demo cluster."
  type        = string
  default     = "us-east-1"
}

variable "cluster_name" {
  description = "Name of the cluster."
  type        = string
  default     = "day2ops-demo"
}

variable "ssh_public_key_file" {
  description = "Path to your SSH public key."
  type        = string
  default     = "~/.ssh/id_ed25519.pub"
}

variable "admin_ips" {
  description = "CIDR blocks allowed to reach SSH and the admin endpoints, e.g. [\"203.0.113.7/32\"]."
  type        = list(string)
}

variable "owner" {
  description = "Who to ask about this cluster (the Owner tag)."
  type        = string
}

variable "num_masters" {
  description = "Number of masters (1, 3 or 5)."
  type        = number
  default     = 1
}

variable "num_private_agents" {
  description = "Number of private agents."
  type        = number
  default     = 2
}

variable "num_public_agents" {
  description = "Number of public agents."
  type        = number
  default     = 1
}

variable "dcos_version" {
  description = "DC/OS version."
  type        = string
  default     = "2.2.0"
}

variable "day2ops_install_method" {
  description = "\"release\", \"universe\" or \"none\"."
  type        = string
  default     = "release"
}

variable "day2ops_version" {
  description = "day2ops release version."
  type        = string
  default     = "0.1.0"
}

variable "day2ops_release_base_url" {
  description = "Base URL of the day2ops releases (<base>/<version>/SHA256SUMS)."
  type        = string
  default     = null
}

variable "enable_perf_runner" {
  description = "Create the perf runner."
  type        = bool
  default     = false
}

variable "perf_repo_url" {
  description = "Git URL of the day2ops repository, for the perf runner."
  type        = string
  default     = null
}

variable "tags" {
  description = "Extra tags."
  type        = map(string)
  default     = {}
}
