import { NodeSDK } from '@opentelemetry/sdk-node';

new NodeSDK({ serviceName: 'ops-console-api' }).start();
