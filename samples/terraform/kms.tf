# An orders key, its policy written three ways, and the IAM policies that use it.
# Each policy has a deliberate mistake for KMS Lens to find.

data "aws_caller_identity" "current" {}

variable "admin_role_arn" {
  type = string
}

resource "aws_kms_key" "orders" {
  description         = "Orders data key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.orders_key.json
}

data "aws_iam_policy_document" "orders_key" {
  statement {
    sid       = "EnableRootAccess"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "AllowUse"
    effect    = "allow"
    actions   = ["kms:Encrypt", "kms:Decrpyt", "kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [var.admin_role_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:CallerAcount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "archive" {
  description = "Archive key"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableRootAccess"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AllowGrantsForAwsResources"
        Effect    = "Allow"
        Principal = { AWS = var.admin_role_arn }
        Action    = ["kms:CreateGrant", "kms:ListGrants"]
        Resource  = "*"
        Condition = { Bool = { "kms:GrantIsForAWSResource" = "yes" } }
      },
    ]
  })
}

resource "aws_iam_policy" "orders_reader" {
  name   = "orders-reader"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["kms:Decrypt", "kms:GenerateDatakey"],
          "Resource": "${aws_kms_key.orders.arn}"
        }
      ]
    }
  EOF
}

resource "aws_iam_role_policy" "archive_writer" {
  name = "archive-writer"
  role = "archive"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Encrypt"]
      Resource = aws_kms_key.archive.arn
      Condition = {
        StringEquals = { "kms:ViaService" = "s3.eu-west-9.amazonaws.com" }
      }
    }]
  })
}

resource "aws_s3_bucket" "logs" {
  bucket = "orders-logs"
}
