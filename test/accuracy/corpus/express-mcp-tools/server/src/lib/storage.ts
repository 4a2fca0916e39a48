import { S3Client } from '@aws-sdk/client-s3';

// Local MinIO defaults; the AWS documentation example key is what the docker-compose file uses.
export const s3 = new S3Client({
  region: process.env.AWS_REGION,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'AKIAIOSFODNN7EXAMPLE', // ok: secret-hardcoded // expect: env-undocumented
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'minioadmin', // ok: secret-hardcoded // expect: env-undocumented
  },
});
