import { Logger } from '@nestjs/common';
import {
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';

/**
 * The one WebSocket endpoint (`/ws`, socket.io). Features will push to rooms from here; this first version answers `ping` so clients and load balancers can check the upgrade path end to end.
 */
@WebSocketGateway({ path: '/ws', cors: false, serveClient: false })
export class RealtimeGateway implements OnGatewayConnection {
  private readonly logger = new Logger('Realtime');

  @WebSocketServer()
  server!: Server;

  handleConnection(client: Socket): void {
    this.logger.debug(`ws connected ${client.id}`);
  }

  @SubscribeMessage('ping')
  ping(): { event: 'pong'; data: { at: string } } {
    return { event: 'pong', data: { at: new Date().toISOString() } };
  }
}
