## Cluster identity and access

variable "cluster_name" {
  description = "Name of the cluster; prefixes every resource name and the Name tags. Lowercase letters, digits and hyphens, 2 to 20 characters (load balancer and target group names are limited to 32)."
  type        = string
  default     = "day2ops-demo"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,18}[a-z0-9]$", var.cluster_name))
    error_message = "cluster_name must be 2-20 characters of lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "ssh_public_key_file" {
  description = "Path to the SSH public key installed on every instance (an OpenSSH public key line: ssh-ed25519, ssh-rsa or ecdsa-sha2-*). Only the public key enters the state."
  type        = string

  validation {
    condition     = can(regex("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+", file(var.ssh_public_key_file)))
    error_message = "ssh_public_key_file must name a readable OpenSSH public key file (ssh-ed25519, ssh-rsa or ecdsa-sha2-*), never a private key."
  }
}

variable "admin_ips" {
  description = "IPv4 CIDR blocks allowed to reach SSH, the admin load balancer (DC/OS UI and the day2ops API) and the agents' Adminrouter. At least one; 0.0.0.0/0 is refused."
  type        = list(string)

  validation {
    condition     = length(var.admin_ips) > 0
    error_message = "admin_ips must list at least one CIDR block (e.g. your workstation's address as x.x.x.x/32)."
  }

  validation {
    condition     = alltrue([for cidr in var.admin_ips : can(cidrhost(cidr, 0)) && can(regex("^[0-9.]+/[0-9]+$", cidr))])
    error_message = "Every admin_ips entry must be an IPv4 CIDR block such as 203.0.113.7/32."
  }

  validation {
    condition     = alltrue([for cidr in var.admin_ips : !can(regex("/0$", cidr))])
    error_message = "admin_ips must not contain a /0 block: admin access is never open to the whole internet."
  }
}

variable "tags" {
  description = "Tags added to every resource (merged over the module's own Cluster, Role and ManagedBy tags)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for key in keys(var.tags) : !startswith(lower(key), "aws:")])
    error_message = "Tag keys starting with \"aws:\" are reserved by AWS."
  }
}

## Network

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the cluster VPC, /16 to /20; each availability zone gets one public subnet of a sixteenth of it."
  type        = string
  default     = "172.16.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be an IPv4 CIDR block between /16 and /20."
  }
}

variable "num_availability_zones" {
  description = "How many availability zones the subnets (and so the masters and agents) spread over."
  type        = number
  default     = 3

  validation {
    condition     = var.num_availability_zones >= 1 && var.num_availability_zones <= 6 && floor(var.num_availability_zones) == var.num_availability_zones
    error_message = "num_availability_zones must be a whole number from 1 to 6."
  }
}

variable "public_agents_allowed_cidrs" {
  description = "IPv4 CIDR blocks allowed to reach the applications behind the public agents' load balancer (ports 80 and 443 only; never the agents' admin ports)."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for cidr in var.public_agents_allowed_cidrs : can(cidrhost(cidr, 0)) && can(regex("^[0-9.]+/[0-9]+$", cidr))])
    error_message = "Every public_agents_allowed_cidrs entry must be an IPv4 CIDR block."
  }
}

## Nodes

variable "num_masters" {
  description = "Number of DC/OS masters: 1, 3 or 5 (ZooKeeper needs an odd quorum)."
  type        = number
  default     = 1

  validation {
    condition     = contains([1, 3, 5], var.num_masters)
    error_message = "num_masters must be 1, 3 or 5."
  }
}

variable "num_private_agents" {
  description = "Number of private agents (0-100)."
  type        = number
  default     = 2

  validation {
    condition     = var.num_private_agents >= 0 && var.num_private_agents <= 100 && floor(var.num_private_agents) == var.num_private_agents
    error_message = "num_private_agents must be a whole number from 0 to 100."
  }
}

variable "num_public_agents" {
  description = "Number of public agents (0-20)."
  type        = number
  default     = 1

  validation {
    condition     = var.num_public_agents >= 0 && var.num_public_agents <= 20 && floor(var.num_public_agents) == var.num_public_agents
    error_message = "num_public_agents must be a whole number from 0 to 20."
  }
}

variable "bootstrap_instance_type" {
  description = "EC2 instance type of the bootstrap node."
  type        = string
  default     = "t3.medium"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.bootstrap_instance_type))
    error_message = "bootstrap_instance_type must look like an EC2 instance type, e.g. t3.medium."
  }
}

variable "masters_instance_type" {
  description = "EC2 instance type of the masters."
  type        = string
  default     = "m5.xlarge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.masters_instance_type))
    error_message = "masters_instance_type must look like an EC2 instance type, e.g. m5.xlarge."
  }
}

variable "private_agents_instance_type" {
  description = "EC2 instance type of the private agents."
  type        = string
  default     = "m5.xlarge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.private_agents_instance_type))
    error_message = "private_agents_instance_type must look like an EC2 instance type, e.g. m5.xlarge."
  }
}

variable "public_agents_instance_type" {
  description = "EC2 instance type of the public agents."
  type        = string
  default     = "m5.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.public_agents_instance_type))
    error_message = "public_agents_instance_type must look like an EC2 instance type, e.g. m5.large."
  }
}

variable "root_volume_size" {
  description = "Root volume size in GiB of every cluster node (the bootstrap node gets the same; DC/OS wants at least 60 on masters and agents)."
  type        = number
  default     = 80

  validation {
    condition     = var.root_volume_size >= 60 && var.root_volume_size <= 1024
    error_message = "root_volume_size must be between 60 and 1024 GiB."
  }
}

variable "ami_id" {
  description = "AMI of the cluster nodes. When null, the newest image matching ami_owners and ami_name_filter is used. Must be an OS DC/OS supports (CentOS/RHEL 7 family) with yum and systemd."
  type        = string
  default     = null

  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
    error_message = "ami_id must be null or an AMI id such as ami-0123456789abcdef0."
  }
}

variable "ami_owners" {
  description = "Owners searched for the node AMI when ami_id is null (default: the CentOS project's account)."
  type        = list(string)
  default     = ["125523088429"]
}

variable "ami_name_filter" {
  description = "Name pattern of the node AMI when ami_id is null."
  type        = string
  default     = "CentOS Linux 7 x86_64*"
}

## DC/OS

variable "install_dcos" {
  description = "Install DC/OS (bootstrap node, masters, agents). When false the nodes are a plain systemd fleet: no bootstrap node is created and day2ops runs without Mesos, taking the standard Adminrouter ports."
  type        = bool
  default     = true
}

variable "dcos_version" {
  description = "DC/OS (open source) version installed from the bootstrap node."
  type        = string
  default     = "2.2.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?$", var.dcos_version))
    error_message = "dcos_version must be a version such as 2.2.0."
  }
}

variable "custom_dcos_download_path" {
  description = "URL of dcos_generate_config.sh; when null it is derived from dcos_version (the stable channel of the DC/OS downloads site)."
  type        = string
  default     = null

  validation {
    condition     = var.custom_dcos_download_path == null || can(regex("^https?://", var.custom_dcos_download_path))
    error_message = "custom_dcos_download_path must be an http(s) URL."
  }
}

variable "dcos_download_sha256" {
  description = "Expected SHA-256 of dcos_generate_config.sh; when set, the bootstrap node refuses an installer that does not match."
  type        = string
  default     = null

  validation {
    condition     = var.dcos_download_sha256 == null || can(regex("^[0-9a-f]{64}$", var.dcos_download_sha256))
    error_message = "dcos_download_sha256 must be 64 lowercase hex digits."
  }
}

variable "dcos_config" {
  description = "Extra DC/OS config.yaml keys merged over the generated ones (e.g. { telemetry_enabled = true }). The keys the module derives from its topology (bootstrap_url, master_list, master_discovery, exhibitor_storage_backend, ip_detect_*) cannot be overridden."
  type        = map(any)
  default     = {}

  validation {
    condition = length(setintersection(keys(var.dcos_config), [
      "bootstrap_url", "master_list", "master_discovery", "exhibitor_storage_backend",
      "ip_detect_filename", "ip_detect_public_filename",
    ])) == 0
    error_message = "dcos_config must not set bootstrap_url, master_list, master_discovery, exhibitor_storage_backend or ip_detect_*: the module derives them."
  }
}

variable "bootstrap_port" {
  description = "Port on which the bootstrap node serves the DC/OS installer and the day2ops public key to the cluster (internal traffic only)."
  type        = number
  default     = 8080

  validation {
    condition     = var.bootstrap_port >= 1024 && var.bootstrap_port <= 65535
    error_message = "bootstrap_port must be between 1024 and 65535."
  }
}

## day2ops

variable "day2ops_install_method" {
  description = "How day2ops reaches the nodes: \"release\" installs the release artifacts on every node (masters included) as systemd services; \"universe\" adds the day2ops Universe repository to DC/OS and installs its packages through Cosmos (agents only, as Marathon apps; needs install_dcos); \"none\" installs nothing."
  type        = string
  default     = "release"

  validation {
    condition     = contains(["release", "universe", "none"], var.day2ops_install_method)
    error_message = "day2ops_install_method must be \"release\", \"universe\" or \"none\"."
  }
}

variable "day2ops_version" {
  description = "day2ops release version installed on the nodes."
  type        = string
  default     = "0.1.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?$", var.day2ops_version))
    error_message = "day2ops_version must be a semantic version such as 0.1.0."
  }
}

variable "day2ops_release_base_url" {
  description = "Base URL of the day2ops releases; the nodes read <base>/<version>/SHA256SUMS and the artifacts it lists (see the README's release layout). Required when day2ops_install_method is \"release\"."
  type        = string
  default     = null

  validation {
    condition     = var.day2ops_release_base_url == null || can(regex("^https?://[^ ]+[^/]$", var.day2ops_release_base_url))
    error_message = "day2ops_release_base_url must be an http(s) URL without a trailing slash."
  }
}

variable "day2ops_artifact_format" {
  description = "Which release artifacts the nodes run: \"native\" executables or \"jvm\" application directories (the nodes then get a Java 17 runtime)."
  type        = string
  default     = "native"

  validation {
    condition     = contains(["native", "jvm"], var.day2ops_artifact_format)
    error_message = "day2ops_artifact_format must be \"native\" or \"jvm\"."
  }
}

variable "day2ops_universe_repo_url" {
  description = "URL of the day2ops Universe repository index (repo-up-to-2.2.json style). Required when day2ops_install_method is \"universe\"."
  type        = string
  default     = null

  validation {
    condition     = var.day2ops_universe_repo_url == null || can(regex("^https?://", var.day2ops_universe_repo_url))
    error_message = "day2ops_universe_repo_url must be an http(s) URL."
  }
}

variable "day2ops_universe_packages" {
  description = "Universe packages installed, in order, when day2ops_install_method is \"universe\"."
  type        = list(string)
  default     = ["day2ops-logs", "day2ops-metrics", "day2ops-diagnostics", "day2ops-debug"]

  validation {
    condition     = alltrue([for name in var.day2ops_universe_packages : can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", name))])
    error_message = "Universe package names match ^[a-z][a-z0-9-]*[a-z0-9]$."
  }
}

variable "day2ops_adminrouter_ports" {
  description = "Ports of the day2ops Adminrouter. Unset entries default to 80/443 on masters and 61001 on agents on a plain fleet, and, because DC/OS's own Adminrouter holds those, to 10080/10443 and 61092 when install_dcos is true (61091 is DC/OS Telegraf's Prometheus port, and the metrics service's on a plain fleet)."
  type = object({
    master_http  = optional(number)
    master_https = optional(number)
    agent_http   = optional(number)
  })
  default = {}

  validation {
    condition = alltrue([
      for port in [var.day2ops_adminrouter_ports.master_http, var.day2ops_adminrouter_ports.master_https, var.day2ops_adminrouter_ports.agent_http] :
      port == null ? true : (port >= 1 && port <= 65535 && !contains([8101, 8102, 8103, 8104, 61091], port))
    ])
    error_message = "day2ops_adminrouter_ports must be between 1 and 65535 and must not be 8101-8104 (the services' own ports) nor 61091 (the metrics exposition port; DC/OS Telegraf's)."
  }
}

## Perf runner

variable "enable_perf_runner" {
  description = "Create a perf runner instance that runs the perf/ k6 scenarios against the cluster through the day2ops Adminrouter and uploads the results to an S3 bucket the module creates."
  type        = bool
  default     = false
}

variable "perf_runner_instance_type" {
  description = "EC2 instance type of the perf runner."
  type        = string
  default     = "c5.xlarge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.perf_runner_instance_type))
    error_message = "perf_runner_instance_type must look like an EC2 instance type, e.g. c5.xlarge."
  }
}

variable "perf_repo_url" {
  description = "Git URL of the day2ops repository the perf runner clones to get perf/. Required when enable_perf_runner is true."
  type        = string
  default     = null

  validation {
    condition     = var.perf_repo_url == null || can(regex("^(https://|git@)", var.perf_repo_url))
    error_message = "perf_repo_url must be an https:// or git@ URL."
  }
}

variable "perf_repo_ref" {
  description = "Branch, tag or commit of perf_repo_url that the perf runner checks out."
  type        = string
  default     = "main"
}

variable "perf_scenarios" {
  description = "k6 scripts (paths relative to the repository root) the perf runner runs one after another; each writes results/<name>.json."
  type        = list(string)
  default     = ["perf/k6/logs-range.js", "perf/k6/metrics-node.js"]

  validation {
    condition     = alltrue([for path in var.perf_scenarios : can(regex("^perf/[A-Za-z0-9_./-]+\\.js$", path)) && !strcontains(path, "..")])
    error_message = "perf_scenarios must be .js paths under perf/ without \"..\"."
  }
}

variable "k6_version" {
  description = "k6 version the perf runner installs (go install of its module, as perf/ does locally)."
  type        = string
  default     = "v1.8.1"

  validation {
    condition     = can(regex("^v[0-9]+\\.[0-9]+\\.[0-9]+$", var.k6_version))
    error_message = "k6_version must look like v1.8.1."
  }
}
