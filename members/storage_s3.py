"""The private storage on S3-compatible object storage (settings.STORAGES["private"] when
AWS_STORAGE_BUCKET_NAME is set). Kept apart from members.storage so that boto3 is imported
only by deployments that use it."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """Objects written private and never given a URL (signed or not): views stream them
    after checking access, exactly as with the local private folder."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            "default_acl": "private",
            "querystring_auth": False,
        }

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private files have no public URL; serve them through a view.")
