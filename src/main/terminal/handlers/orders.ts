// The order commands: place, preview, edit, cancel, cancel all, flatten and reverse. Each hands the parsed request to the
// desk and answers with the desk's view of the result; the trading rules stay in the engine and the desk.
import type { ParsedRequest } from '../../../shared/contract';
import { orderView, previewView } from '../../desk/views';
import { canonicalSymbol } from '../../engine/instruments';
import type { EditOrderInput, PlaceOrderInput } from '../../engine/orderInput';
import { answer, fail, type HandlerSlice, type TerminalServices } from './handler';

type OrderCommands = 'placeOrder' | 'placeOco' | 'previewOrder' | 'editOrder' | 'cancelOrder' | 'cancelAll' | 'flatten' | 'reverse';

export function orderHandlers(services: TerminalServices) {
  return {
    placeOrder: (request) => answer(services.desk().placeOrder(ticketInput(request)), orderView),
    placeOco: ({ orders }) => answer(services.desk().placeOco({ orders: orders.map(ticketInput) }), (placed) => placed.map(orderView)),
    previewOrder: (request) => answer(services.desk().previewOrder(ticketInput(request)), previewView),
    editOrder: ({ orderId, ...edit }) => answer(services.desk().editOrder(orderId, editInput(edit)), orderView),
    cancelOrder: ({ orderId }) => answer(services.desk().cancelOrder(orderId), orderView),
    cancelAll: ({ account }) => answer(services.desk().cancelAll(account), (canceled) => ({ canceled: canceled.length })),
    flatten: ({ account, symbol }) => closeOut(services, account, symbol, 'flatten'),
    reverse: ({ account, symbol }) => closeOut(services, account, symbol, 'reverse'),
  } satisfies HandlerSlice<OrderCommands>;
}

/** Flatten or reverse (ENGINE.md 13) an open position; answers with the MKT order placed (a rejected reverse too). */
function closeOut(services: TerminalServices, account: string, symbol: string, how: 'flatten' | 'reverse') {
  const desk = services.desk();
  const position = desk.position(account, symbol);
  // The window offers Flatten and Reverse on an open position only: anything else is a stale click, refused untouched.
  const none = fail('NOT_FOUND', `no open position in ${canonicalSymbol(symbol)}`);
  if (!position || position.qty.isZero()) return none;
  const result = how === 'flatten' ? desk.flatten(account, symbol) : desk.reverse(account, symbol);
  if (!result.ok) return result;
  return result.value.order ? ({ ok: true, data: orderView(result.value.order) } as const) : none;
}

/** The ticket as the engine reads it: an empty price field is no price. */
function ticketInput(request: ParsedRequest<'placeOrder'>): PlaceOrderInput {
  return {
    ...request,
    limit: blankToUndefined(request.limit),
    stop: blankToUndefined(request.stop),
    trailOffset: blankToUndefined(request.trailOffset),
    limitOffset: blankToUndefined(request.limitOffset),
    ...(request.children
      ? {
          children: request.children.map((child) => ({
            ...child,
            limit: blankToUndefined(child.limit),
            stop: blankToUndefined(child.stop),
            limitTicks: blankToUndefined(child.limitTicks),
            stopTicks: blankToUndefined(child.stopTicks),
            trailOffset: blankToUndefined(child.trailOffset),
            limitOffset: blankToUndefined(child.limitOffset),
          })),
        }
      : {}),
  };
}

/** Only the fields the editor sent; an emptied field keeps the order's value. */
function editInput(edit: Omit<ParsedRequest<'editOrder'>, 'orderId'>): EditOrderInput {
  return {
    ...edit,
    limit: blankToUndefined(edit.limit),
    stop: blankToUndefined(edit.stop),
    trailOffset: blankToUndefined(edit.trailOffset),
    limitOffset: blankToUndefined(edit.limitOffset),
    limitTicks: blankToUndefined(edit.limitTicks),
    stopTicks: blankToUndefined(edit.stopTicks),
  };
}

function blankToUndefined<T>(value: T | ''): T | undefined {
  return value === '' ? undefined : value;
}
