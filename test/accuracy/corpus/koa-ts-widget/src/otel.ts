import { NodeSDK } from '@opentelemetry/sdk-node';

export const otel = new NodeSDK({ serviceName: 'widget-gateway' });
otel.start();
